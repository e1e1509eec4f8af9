import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { AuthUser } from './auth-user';
import type { Role } from './role';

export const IS_PUBLIC = 'ratsweg:isPublic';
export const ROLES_KEY = 'ratsweg:roles';

/** No token needed (health, docs, login, the public OParl API). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The caller needs one of these roles in its body; `admin` passes every check. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** The authenticated caller. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): AuthUser => ctx.switchToHttp().getRequest<{ user: AuthUser }>().user,
);
