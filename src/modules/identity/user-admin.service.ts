import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { BadInputError, NotFoundError } from '../../shared/domain-error';
import { AccessService } from './access.service';
import type { AuthUser } from './auth-user';
import { ForbiddenRoleError } from './identity.errors';
import type { Role } from './role';

export interface BodyUserView {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  active: boolean;
  /** Roles in the admin's body. */
  roles: Role[];
}

/**
 * A body's admin manages the users of its body: lists them, changes their roles there,
 * disables and enables them. "Of its body" means holding a role in it; any other user
 * is 404 to that admin. The `operator` role is beyond a body admin: only an operator
 * grants it, a body admin's role change leaves an existing one alone, and a body admin
 * cannot disable an operator. Every change drops the user's cached access (AccessService).
 */
@Injectable()
export class UserAdminService {
  private readonly logger = new Logger(UserAdminService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
  ) {}

  async list(bodyId: string): Promise<BodyUserView[]> {
    return this.dataSource.query(
      `SELECT u.id, u.username, u.display_name AS "displayName", u.email, u.active, array_agg(ra.role ORDER BY ra.role) AS roles
       FROM user_account u JOIN role_assignment ra ON ra.user_id = u.id AND ra.body_id = $1
       GROUP BY u.id ORDER BY u.username`,
      [bodyId],
    );
  }

  async setRoles(actor: AuthUser, userId: string, roles: Role[]): Promise<BodyUserView> {
    const isOperator = actor.roles.includes('operator');
    if (roles.includes('operator') && !isOperator) throw new ForbiddenRoleError(['operator']);
    if (userId === actor.id && actor.roles.includes('admin') && !roles.includes('admin')) {
      throw new BadInputError('An admin cannot take its own admin role', [{ field: 'roles', messages: ['must keep admin for yourself'] }]);
    }
    const view = await this.dataSource.transaction(async (m) => {
      const current = await this.lockMember(m, actor.bodyId, userId);
      const kept: Role[] = !isOperator && current.roles.includes('operator') ? ['operator'] : [];
      const wanted = [...new Set([...roles, ...kept])];
      await m.query(`DELETE FROM role_assignment WHERE user_id = $1 AND body_id = $2 AND NOT (role = ANY($3::text[]))`, [userId, actor.bodyId, wanted]);
      await m.query(
        `INSERT INTO role_assignment (user_id, body_id, role) SELECT $1, $2, unnest($3::text[]) ON CONFLICT (user_id, body_id, role) DO NOTHING`,
        [userId, actor.bodyId, wanted],
      );
      return this.member(m, actor.bodyId, userId);
    });
    this.access.invalidate(userId);
    this.logger.log({ actorId: actor.id, userId, bodyId: actor.bodyId, roles: view.roles }, 'roles changed');
    return view;
  }

  async setActive(actor: AuthUser, userId: string, active: boolean): Promise<BodyUserView> {
    if (userId === actor.id) throw new BadInputError('You cannot disable or enable yourself');
    const view = await this.dataSource.transaction(async (m) => {
      await this.lockMember(m, actor.bodyId, userId);
      const [{ operator }] = await m.query(`SELECT EXISTS (SELECT 1 FROM role_assignment WHERE user_id = $1 AND role = 'operator') AS operator`, [userId]);
      if (operator && !actor.roles.includes('operator')) throw new ForbiddenRoleError(['operator']);
      await m.query(`UPDATE user_account SET active = $2, updated_at = now() WHERE id = $1`, [userId, active]);
      return this.member(m, actor.bodyId, userId);
    });
    this.access.invalidate(userId);
    this.logger.log({ actorId: actor.id, userId, bodyId: actor.bodyId, active }, active ? 'user enabled' : 'user disabled');
    return view;
  }

  /** The user as a member of the body, its row locked against concurrent changes; 404 when not a member. */
  private async lockMember(m: EntityManager, bodyId: string, userId: string): Promise<BodyUserView> {
    await m.query(`SELECT id FROM user_account WHERE id = $1 FOR UPDATE`, [userId]);
    return this.member(m, bodyId, userId);
  }

  private async member(m: EntityManager, bodyId: string, userId: string): Promise<BodyUserView> {
    const [row]: BodyUserView[] = await m.query(
      `SELECT u.id, u.username, u.display_name AS "displayName", u.email, u.active, array_agg(ra.role ORDER BY ra.role) AS roles
       FROM user_account u JOIN role_assignment ra ON ra.user_id = u.id AND ra.body_id = $1
       WHERE u.id = $2 GROUP BY u.id`,
      [bodyId, userId],
    );
    if (!row) throw new NotFoundError('User', userId);
    return row;
  }
}
