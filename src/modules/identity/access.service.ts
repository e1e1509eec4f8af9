import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isRole, type Role } from './role';

/** How long a user's roles and status are taken from memory before the database is asked again. */
export const ACCESS_CACHE_MS = 3000;

/** What the database says about a user now: whether it may act, its roles per body, its revoked tokens. */
export interface CurrentAccess {
  username: string;
  active: boolean;
  rolesByBody: ReadonlyMap<string, Role[]>;
  revokedTokenIds: ReadonlySet<string>;
}

/**
 * A token says who the caller is; this says what the caller may do now. Every request
 * asks it (the auth guard), so a removed role, a disabled account or a logged-out
 * token is refused at once, not when the token expires. Answers are kept in memory
 * for ACCESS_CACHE_MS per user; a change made through this process (roles, status,
 * logout) drops the user's entry at once, one made elsewhere (another instance,
 * user:create, SQL) is seen within ACCESS_CACHE_MS.
 */
@Injectable()
export class AccessService {
  private readonly cache = new Map<string, { until: number; access: Promise<CurrentAccess | null> }>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** null: no such user. */
  current(userId: string): Promise<CurrentAccess | null> {
    const now = Date.now();
    const hit = this.cache.get(userId);
    if (hit && hit.until > now) return hit.access;
    this.prune(now);
    const access = this.load(userId);
    this.cache.set(userId, { until: now + ACCESS_CACHE_MS, access });
    // A failed load is not kept: the next request asks again.
    access.catch(() => this.cache.get(userId)?.access === access && this.cache.delete(userId));
    return access;
  }

  /** Call after committing a change to the user's roles, status or tokens. */
  invalidate(userId: string): void {
    this.cache.delete(userId);
  }

  /** Revokes one token (logout) until it would expire anyway; expired revocations are cleared on the way. */
  async revokeToken(userId: string, jti: string, expiresAt: Date): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.query(`DELETE FROM revoked_token WHERE expires_at < now()`);
      await m.query(`INSERT INTO revoked_token (jti, user_id, expires_at) VALUES ($1, $2, $3) ON CONFLICT (jti) DO NOTHING`, [
        jti,
        userId,
        expiresAt,
      ]);
    });
    this.invalidate(userId);
  }

  private async load(userId: string): Promise<CurrentAccess | null> {
    const [row]: { username: string; active: boolean; roles: { bodyId: string; role: string }[]; revoked: string[] }[] =
      await this.dataSource.query(
        `SELECT u.username, u.active,
           COALESCE((SELECT json_agg(json_build_object('bodyId', ra.body_id, 'role', ra.role) ORDER BY ra.role)
                     FROM role_assignment ra WHERE ra.user_id = u.id), '[]') AS roles,
           ARRAY(SELECT rt.jti::text FROM revoked_token rt WHERE rt.user_id = u.id AND rt.expires_at > now()) AS revoked
         FROM user_account u WHERE u.id = $1`,
        [userId],
      );
    if (!row) return null;
    const rolesByBody = new Map<string, Role[]>();
    for (const { bodyId, role } of row.roles) {
      if (!isRole(role)) continue;
      rolesByBody.set(bodyId, [...(rolesByBody.get(bodyId) ?? []), role]);
    }
    return { username: row.username, active: row.active, rolesByBody, revokedTokenIds: new Set(row.revoked) };
  }

  private prune(now: number): void {
    if (this.cache.size < 10_000) return;
    for (const [key, entry] of this.cache) if (entry.until <= now) this.cache.delete(key);
  }
}
