/** The roles live in `src/shared/roles.ts` (the workflow checks them too); identity offers them to the modules. */
export { ROLES, isRole, type Role } from '../../shared/roles';
