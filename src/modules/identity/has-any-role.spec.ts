import { hasAnyRole } from './auth.guard';

describe('hasAnyRole', () => {
  it('passes a holder of one of the roles', () => {
    expect(hasAnyRole({ roles: ['clerk'] }, ['clerk', 'auditor'])).toBe(true);
    expect(hasAnyRole({ roles: ['auditor'] }, ['clerk'])).toBe(false);
  });

  it("passes a body's admin wherever any role but operator is named", () => {
    expect(hasAnyRole({ roles: ['admin'] }, ['clerk'])).toBe(true);
    expect(hasAnyRole({ roles: ['admin'] }, ['committee_office', 'operator'])).toBe(true);
  });

  it('does not pass an admin where only operator is named (issue 12, finding 2)', () => {
    expect(hasAnyRole({ roles: ['admin'] }, ['operator'])).toBe(false);
    expect(hasAnyRole({ roles: ['operator'] }, ['operator'])).toBe(true);
  });

  it('gives the operator nothing of a body role', () => {
    expect(hasAnyRole({ roles: ['operator'] }, ['clerk'])).toBe(false);
    expect(hasAnyRole({ roles: ['operator'] }, ['admin'])).toBe(false);
  });
});
