import { Injectable, OnApplicationBootstrap, Optional } from '@nestjs/common';
import { OutboxHandlers } from './outbox/outbox-handlers';
import type { WorkflowDefinition } from './workflow-definition';

/**
 * The workflow definitions of all modules, by name, for `GET /workflows/:machine`.
 * At start-up (after every module registered its definitions and its outbox handlers)
 * each outbox effect a definition declares must have a handler, or the app refuses to
 * start: an effect nobody handles would be a job dropped silently.
 */
@Injectable()
export class WorkflowRegistry implements OnApplicationBootstrap {
  private readonly definitions = new Map<string, WorkflowDefinition>();

  constructor(@Optional() private readonly handlers?: OutboxHandlers) {}

  register(definition: WorkflowDefinition): void {
    this.definitions.set(definition.name ?? definition.subjectType, definition);
  }

  get(name: string): WorkflowDefinition | undefined {
    return this.definitions.get(name);
  }

  names(): string[] {
    return [...this.definitions.keys()].sort();
  }

  /** Every outbox effect kind the registered definitions declare. */
  outboxEffects(): Set<string> {
    return new Set([...this.definitions.values()].flatMap((d) => [...d.outboxEffects]));
  }

  onApplicationBootstrap(): void {
    this.handlers?.assertHandles(this.outboxEffects());
  }
}
