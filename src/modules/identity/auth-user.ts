import type { Role } from './role';

/** The authenticated caller, as carried in the JWT and put on the request. */
export interface AuthUser {
  id: string;
  username: string;
  bodyId: string;
  roles: Role[];
}

export interface JwtClaims {
  sub: string;
  username: string;
  bodyId: string;
  roles: Role[];
}
