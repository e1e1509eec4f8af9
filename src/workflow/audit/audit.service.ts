import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AuditEvent } from './audit-event.entity';
import { ChainedFields, chainHash, ChainVerdict, GENESIS_HASH, verifyChain } from './hash-chain';

export type NewAuditEntry = ChainedFields;

/** Appends to and reads the hash-chained, append-only history of a subject. */
@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEvent) private readonly events: Repository<AuditEvent>) {}

  /**
   * Appends one entry inside the caller's transaction. The caller holds the
   * subject's row lock, so reading the previous hash cannot race; the unique
   * (subject, seq) index refuses a second entry with the same seq regardless.
   */
  async append(manager: EntityManager, entry: NewAuditEntry): Promise<AuditEvent> {
    const rows: { hash: string; seq: number }[] = await manager.query(
      `SELECT hash, seq FROM audit_event WHERE subject_type = $1 AND subject_id = $2 ORDER BY seq DESC LIMIT 1`,
      [entry.subjectType, entry.subjectId],
    );
    const prevHash = rows[0]?.hash ?? GENESIS_HASH;
    const hash = chainHash(prevHash, entry);
    const inserted: { id: string }[] = await manager.query(
      `INSERT INTO audit_event (body_id, subject_type, subject_id, seq, type, actor_id, actor_name, at,
         from_state, to_state, payload, machine_version, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
      [
        entry.bodyId,
        entry.subjectType,
        entry.subjectId,
        entry.seq,
        entry.type,
        entry.actorId,
        entry.actorName,
        entry.at,
        entry.fromState,
        entry.toState,
        JSON.stringify(entry.payload),
        entry.machineVersion,
        prevHash,
        hash,
      ],
    );
    return Object.assign(new AuditEvent(), entry, { prevHash, hash, id: String(inserted[0].id) });
  }

  /** When the subject's entry `seq` happened (the business clock of its transition), if it exists. */
  async at(subjectType: string, subjectId: string, seq: number): Promise<Date | undefined> {
    const entry = await this.events.findOne({ where: { subjectType, subjectId, seq }, select: { id: true, at: true } });
    return entry ? new Date(entry.at) : undefined;
  }

  history(bodyId: string, subjectType: string, subjectId: string): Promise<AuditEvent[]> {
    return this.events.find({ where: { bodyId, subjectType, subjectId }, order: { seq: 'ASC' } });
  }

  async verify(bodyId: string, subjectType: string, subjectId: string): Promise<ChainVerdict> {
    return verifyChain(await this.history(bodyId, subjectType, subjectId));
  }
}
