import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { bodyNameSql } from '../bodies/organization-sql';
import { hashPassword } from './password-hasher';
import type { Role } from './role';
import { RoleAssignment } from './role-assignment.entity';
import { User } from './user.entity';

export interface NewUser {
  username: string;
  password: string;
  displayName: string;
  email?: string | null;
  bodyId: string;
  roles: Role[];
}

export const normaliseUsername = (username: string) => username.trim().toLowerCase();

@Injectable()
export class UsersService {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  /** The user with its password hash (which is otherwise never selected). */
  findForLogin(username: string): Promise<User | null> {
    return this.users
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('user.username = :username', { username: normaliseUsername(username) })
      .getOne();
  }

  /** The active users holding the role in the body, by user name: name and address, for mail. */
  async withRole(bodyId: string, role: string): Promise<{ id: string; displayName: string; email: string | null }[]> {
    return this.users
      .createQueryBuilder('u')
      .innerJoin(RoleAssignment, 'ra', 'ra.userId = u.id AND ra.bodyId = :bodyId AND ra.role = :role', { bodyId, role })
      .where('u.active')
      .orderBy('u.username')
      .select(['u.id', 'u.displayName', 'u.email'])
      .getMany();
  }

  /** The user's name and address if the account is active (for mail). */
  async activeContact(id: string): Promise<{ id: string; displayName: string; email: string | null } | null> {
    return this.users.findOne({ where: { id, active: true }, select: { id: true, displayName: true, email: true } });
  }

  /** A user's display name, active or not (who a task is assigned to). */
  async displayName(id: string): Promise<string | null> {
    return (await this.users.findOne({ where: { id }, select: { id: true, displayName: true } }))?.displayName ?? null;
  }

  /** Whether the user is active and holds a role in the body (an assignee, a recipient). */
  async isActiveMember(bodyId: string, userId: string, manager: EntityManager = this.users.manager): Promise<boolean> {
    return manager
      .getRepository(User)
      .createQueryBuilder('u')
      .innerJoin(RoleAssignment, 'ra', 'ra.userId = u.id AND ra.bodyId = :bodyId', { bodyId })
      .where('u.id = :userId AND u.active', { userId })
      .getExists();
  }

  /** Roles per body, with the body's name, ordered by body name. */
  async bodiesWithRoles(userId: string): Promise<{ id: string; name: string; roles: Role[] }[]> {
    const rows = await this.users.manager
      .getRepository(RoleAssignment)
      .createQueryBuilder('ra')
      .select(['ra.bodyId AS "bodyId"', `${bodyNameSql('ra.body_id')} AS "name"`, 'ra.role AS "role"'])
      .where('ra.userId = :userId', { userId })
      .orderBy('"name"')
      .addOrderBy('ra.role')
      .getRawMany<{ bodyId: string; name: string; role: Role }>();
    const bodies = new Map<string, { id: string; name: string; roles: Role[] }>();
    for (const row of rows) {
      const entry = bodies.get(row.bodyId) ?? { id: row.bodyId, name: row.name, roles: [] };
      entry.roles.push(row.role);
      bodies.set(row.bodyId, entry);
    }
    return [...bodies.values()];
  }

  /**
   * Creates the user, or, when the username exists, adds the missing roles and
   * leaves its password alone. Returns whether the user was new.
   */
  async ensureUser(input: NewUser, manager: EntityManager = this.users.manager): Promise<{ user: User; created: boolean }> {
    const username = normaliseUsername(input.username);
    const users = manager.getRepository(User);
    let user = await users.findOne({ where: { username } });
    let created = false;
    if (!user) {
      user = await users.save(
        users.create({
          username,
          displayName: input.displayName,
          email: input.email ?? null,
          passwordHash: await hashPassword(input.password),
        }),
      );
      created = true;
    }
    await manager
      .createQueryBuilder()
      .insert()
      .into(RoleAssignment)
      .values(input.roles.map((role) => ({ userId: user.id, bodyId: input.bodyId, role })))
      .orIgnore()
      .execute();
    return { user, created };
  }
}
