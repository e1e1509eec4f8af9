import { minimumMembers, strengthProblem } from './fraction.rules';

describe('§ 40 KrO NRW: Fraktionen and Gruppen', () => {
  it('§ 40 KrO NRW: a Fraktion needs at least 2 members, at least 3 in a Kreistag of more than 59 members', () => {
    expect(minimumMembers('fraction', 28)).toBe(2);
    expect(minimumMembers('fraction', 59)).toBe(2);
    expect(minimumMembers('fraction', 60)).toBe(3);
    expect(minimumMembers('fraction', null)).toBe(2);
  });

  it('§ 40 KrO NRW: a Gruppe needs at least 2 members, whatever the size of the Kreistag', () => {
    expect(minimumMembers('group', 28)).toBe(2);
    expect(minimumMembers('group', 80)).toBe(2);
    expect(minimumMembers('committee', 80)).toBeUndefined();
  });

  it('§ 40 KrO NRW: says why a Fraktion or Gruppe is below its minimum, and nothing when it is not', () => {
    const a = { kind: 'fraction' as const, name: 'KT-Fraktion A' };
    expect(strengthProblem(a, 2, 28)).toBeUndefined();
    expect(strengthProblem(a, 1, 28)).toBe(
      '§ 40 KrO NRW: the Fraktion KT-Fraktion A has 1 member, at least 2 are required (council of 28 statutory members: 2 needed)',
    );
    expect(strengthProblem(a, 2, 66)).toBe(
      '§ 40 KrO NRW: the Fraktion KT-Fraktion A has 2 members, at least 3 are required (council of 66 statutory members: 3 needed, more than 59 members)',
    );
    expect(strengthProblem({ kind: 'group', name: 'KT-Gruppe D' }, 1, 66)).toBe('§ 40 KrO NRW: the Gruppe KT-Gruppe D has 1 member, at least 2 are required');
    expect(strengthProblem({ kind: 'committee', name: 'AWD' }, 0, 66)).toBeUndefined();
  });
});
