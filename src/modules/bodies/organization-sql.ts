/**
 * A column of an organization, as a scalar SQL subquery on its id: for the modules whose
 * one-statement reads show an organization's name or kind beside their own rows (a
 * paper's Beratungsfolge). The bodies module owns the table; the others embed this.
 */
export function organizationColumnSql(column: 'name' | 'kind', organizationIdSql: string): string {
  return `(SELECT o.${column} FROM organization o WHERE o.id = ${organizationIdSql})`;
}

/** A body's name as a scalar SQL subquery on its id (the body a login's roles are held in). */
export function bodyNameSql(bodyIdSql: string): string {
  return `(SELECT b.name FROM body b WHERE b.id = ${bodyIdSql})`;
}
