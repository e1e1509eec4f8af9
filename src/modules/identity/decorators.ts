import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { AuthToken, AuthUser } from './auth-user';
import type { Role } from './role';

export const IS_PUBLIC = 'ratsweg:isPublic';
export const ROLES_KEY = 'ratsweg:roles';
export const NO_ROLE_NEEDED = 'ratsweg:noRoleNeeded';

/** No token needed (health, docs, login, the public OParl API). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/**
 * The caller needs one of these roles in its body. A body's `admin` passes every
 * such check except where only `operator` is named: see `OperatorOnly`.
 */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/**
 * Only the deployment's operator (cross-body: every body's mail, the queue dashboard,
 * metrics). A body's `admin` does not pass.
 */
export const OperatorOnly = () => Roles('operator');

/**
 * A valid token is enough, even of a user left with no role in its body (who is
 * otherwise refused everywhere): `GET /auth/me`, `POST /auth/logout`.
 */
export const NoRoleNeeded = () => SetMetadata(NO_ROLE_NEEDED, true);

/** The authenticated caller. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): AuthUser => ctx.switchToHttp().getRequest<{ user: AuthUser }>().user,
);

/** The token the caller presented (its id and expiry). */
export const CurrentToken = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): AuthToken => ctx.switchToHttp().getRequest<{ token: AuthToken }>().token,
);
