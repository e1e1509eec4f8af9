import { Injectable } from '@nestjs/common';
import type { WorkflowDefinition } from './workflow-definition';

/** The workflow definitions of all modules, by name, for `GET /workflows/:machine`. */
@Injectable()
export class WorkflowRegistry {
  private readonly definitions = new Map<string, WorkflowDefinition>();

  register(definition: WorkflowDefinition): void {
    this.definitions.set(definition.name ?? definition.subjectType, definition);
  }

  get(name: string): WorkflowDefinition | undefined {
    return this.definitions.get(name);
  }

  names(): string[] {
    return [...this.definitions.keys()].sort();
  }
}
