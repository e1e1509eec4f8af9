import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../infrastructure/clock/clock';
import type { WorkflowActor } from '../../workflow/workflow-definition';
import { AuditService } from '../../workflow/audit/audit.service';
import { UnitMailbox } from './unit-mailbox.entity';

export interface UnitMailboxView {
  unit: string;
  email: string;
}

/**
 * Which mailbox each organisational unit of the body has (units as papers name them in
 * `responsibleUnit`). The meetings module asks it where a Beschlussauszug goes; the
 * body's admin sets it, audited (subject type `unit_mailbox`).
 */
@Injectable()
export class UnitMailboxesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(bodyId: string): Promise<UnitMailboxView[]> {
    const rows = await this.dataSource.manager.find(UnitMailbox, { where: { bodyId }, order: { unit: 'ASC' } });
    return rows.map(view);
  }

  /** The unit's mailbox, if one is set (the unit's name compared exactly, after trimming). */
  async mailbox(bodyId: string, unit: string, manager: EntityManager = this.dataSource.manager): Promise<string | undefined> {
    return (await manager.findOne(UnitMailbox, { where: { bodyId, unit: unit.trim() } }))?.email;
  }

  set(actor: WorkflowActor, bodyId: string, unit: string, email: string): Promise<UnitMailboxView> {
    return this.dataSource.transaction((m) => this.write(m, actor, bodyId, unit, email));
  }

  /** The write alone, in the caller's transaction (the demo seed, whose users are not committed yet). */
  async write(m: EntityManager, actor: WorkflowActor, bodyId: string, unit: string, email: string): Promise<UnitMailboxView> {
    const next = { unit: unit.trim(), email: email.trim() };
    await m.query(
      `INSERT INTO unit_mailbox (body_id, unit, email, version) VALUES ($1, $2, $3, 0) ON CONFLICT (body_id, unit) DO NOTHING`,
      [bodyId, next.unit, next.email],
    );
    const row = await m.findOneOrFail(UnitMailbox, { where: { bodyId, unit: next.unit }, lock: { mode: 'pessimistic_write' } });
    const version = row.version + 1;
    await m.update(UnitMailbox, { id: row.id }, { email: next.email, version });
    await this.audit.append(m, {
      bodyId,
      subjectType: 'unit_mailbox',
      subjectId: row.id,
      seq: version,
      type: 'SET_UNIT_MAILBOX',
      actorId: actor.id,
      actorName: actor.username,
      at: this.clock.now(),
      fromState: null,
      toState: 'set',
      payload: next,
      machineVersion: 0,
    });
    return next;
  }
}

function view(row: Pick<UnitMailbox, 'unit' | 'email'>): UnitMailboxView {
  return { unit: row.unit, email: row.email };
}
