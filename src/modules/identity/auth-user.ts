import type { Role } from './role';

/** The authenticated caller: who from the token, its roles in the token's body as the database says now. */
export interface AuthUser {
  id: string;
  username: string;
  bodyId: string;
  roles: Role[];
}

/** The presented token, for logout. */
export interface AuthToken {
  jti: string;
  expiresAt: Date;
}

/** What a token carries. Roles are not in it: they are read per request (AccessService). */
export interface JwtClaims {
  sub: string;
  username: string;
  bodyId: string;
  /** Token id, for revocation (logout). */
  jti: string;
  /** Kept for clients that read the token; the server never trusts them. */
  roles: Role[];
}
