import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../infrastructure/clock/clock';
import { BadInputError, NotFoundError } from '../../shared/domain-error';
import type { WorkflowActor } from '../../workflow/workflow-definition';
import { AuditService } from '../../workflow/audit/audit.service';
import { UsersService } from '../identity/users.service';
import { isSignerRole, SIGNER_ROLES, type SignerRole } from './sign-off-rule';
import { Signer } from './signer.entity';

export interface SignerProfileView {
  userId: string;
  name: string;
  function: string;
  coSignUnits: string[];
  deputyFor: SignerRole[];
}

export type SignerProfileInput = Omit<SignerProfileView, 'userId'>;

/**
 * How the body's users sign (name and function under the signature, co-sign units,
 * deputy rights "i.V."). The papers module reads a profile when a SIGN arrives; the
 * body's admin sets them, audited (subject type `signer`).
 */
@Injectable()
export class SignersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly users: UsersService,
  ) {}

  /** The user's profile in the body, if one is set. */
  async profile(bodyId: string, userId: string, manager: EntityManager = this.dataSource.manager): Promise<SignerProfileInput | undefined> {
    const row = await manager.findOne(Signer, { where: { bodyId, userId } });
    return row ? { name: row.name, function: row.function, coSignUnits: [...row.coSignUnits], deputyFor: [...row.deputyFor] } : undefined;
  }

  async list(bodyId: string): Promise<SignerProfileView[]> {
    const rows = await this.dataSource.manager.find(Signer, { where: { bodyId }, order: { name: 'ASC' } });
    return rows.map(view);
  }

  /** Sets a user's profile; the user must hold a role in the body (else 404, as if unknown). */
  async set(actor: WorkflowActor, bodyId: string, userId: string, input: SignerProfileInput): Promise<SignerProfileView> {
    const inBody = (await this.users.bodiesWithRoles(userId)).find((b) => b.id === bodyId);
    if (!inBody) throw new NotFoundError('User', userId);
    // Signing is a signer role's business: a co-signer or deputy without one could not send SIGN (403).
    const signs = inBody.roles.some((role) => isSignerRole(role) || role === 'admin');
    const needsRole = (['coSignUnits', 'deputyFor'] as const).filter((field) => input[field].length > 0);
    if (!signs && needsRole.length > 0) {
      const message = `the user holds none of the signer roles ${SIGNER_ROLES.join(', ')}`;
      throw new BadInputError(message, needsRole.map((field) => ({ field, messages: [message] })));
    }
    return this.dataSource.transaction((m) => this.write(m, actor, bodyId, userId, input));
  }

  /** The write alone, in the caller's transaction (the demo seed, whose users are not committed yet). */
  async write(m: EntityManager, actor: WorkflowActor, bodyId: string, userId: string, input: SignerProfileInput): Promise<SignerProfileView> {
    await m.query(
      `INSERT INTO signer (body_id, user_id, name, function, version) VALUES ($1, $2, $3, $4, 0) ON CONFLICT (body_id, user_id) DO NOTHING`,
      [bodyId, userId, input.name, input.function],
    );
    const row = await m.findOneOrFail(Signer, { where: { bodyId, userId }, lock: { mode: 'pessimistic_write' } });
    const version = row.version + 1;
    const next = { name: input.name, function: input.function, coSignUnits: input.coSignUnits, deputyFor: input.deputyFor };
    await m.update(Signer, { id: row.id }, { ...next, version });
    await this.audit.append(m, {
      bodyId,
      subjectType: 'signer',
      subjectId: row.id,
      seq: version,
      type: 'SET_SIGNER',
      actorId: actor.id,
      actorName: actor.username,
      at: this.clock.now(),
      fromState: null,
      toState: 'set',
      payload: { userId, ...next },
      machineVersion: 0,
    });
    return view({ ...row, ...next });
  }
}

function view(row: Pick<Signer, 'userId' | 'name' | 'function' | 'coSignUnits' | 'deputyFor'>): SignerProfileView {
  return { userId: row.userId, name: row.name, function: row.function, coSignUnits: [...row.coSignUnits], deputyFor: [...row.deputyFor] };
}
