import { Foundation1795676004470 } from './1795676004470-Foundation';

/**
 * Every migration, in order. A new file in this folder must be listed here;
 * migrations.spec.ts fails when one is missing.
 */
export const migrations: Function[] = [Foundation1795676004470];
