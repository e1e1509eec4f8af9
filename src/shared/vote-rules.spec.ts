import { voteProblems } from './vote-rules';

const v = (yes: number, no: number, abstain = 0) => ({ yes, no, abstain });

describe('vote rules (Kreisordnung NRW, Beschlussfassung)', () => {
  it('simple majority of votes cast: more yes than no carries', () => {
    expect(voteProblems('adopted', v(7, 6))).toEqual([]);
    expect(voteProblems('adopted', v(3, 10))).toEqual([{ field: 'result', message: '3 yes against 10 no is not a majority: the motion is rejected' }]);
    expect(voteProblems('rejected', v(3, 10))).toEqual([]);
    expect(voteProblems('rejected', v(7, 5))).toEqual([
      { field: 'result', message: '7 yes against 5 no is a majority: the motion is adopted, not rejected' },
    ]);
    expect(voteProblems('not_recommended', v(7, 5))).toEqual([
      { field: 'result', message: '7 yes against 5 no is a majority: the motion is recommended, not not_recommended' },
    ]);
    expect(voteProblems('recommended', v(2, 8))).toHaveLength(1);
  });

  it('a tie rejects', () => {
    expect(voteProblems('adopted', v(5, 5, 3))).toEqual([{ field: 'result', message: '5 yes against 5 no is a tie: a tie rejects the motion' }]);
    expect(voteProblems('rejected', v(5, 5))).toEqual([]);
    expect(voteProblems('adopted', v(0, 0, 12))).toHaveLength(1);
  });

  it('abstentions are not votes cast', () => {
    expect(voteProblems('adopted', v(4, 3, 6))).toEqual([]);
    expect(voteProblems('adopted_amended', v(1, 0, 12))).toEqual([]);
  });

  it('without votes any result stands; einstimmig carries under the simple and the two-thirds rule', () => {
    expect(voteProblems('adopted', undefined)).toEqual([]);
    expect(voteProblems('adopted', { unanimous: true })).toEqual([]);
    expect(voteProblems('adopted', { unanimous: true }, { majority: 'two_thirds_cast' })).toEqual([]);
  });

  it('a Kenntnisnahme is not voted on; a postponement or referral must carry its own simple majority', () => {
    expect(voteProblems('noted', v(12, 0))).toEqual([{ field: 'votes', message: 'noted is not voted on: record it without votes' }]);
    expect(voteProblems('noted', undefined)).toEqual([]);
    expect(voteProblems('postponed', v(8, 4))).toEqual([]);
    expect(voteProblems('referred', v(4, 8))).toHaveLength(1);
    // the item's qualified majority is for the matter itself, not for the procedural motion
    expect(voteProblems('postponed', v(6, 5), { majority: 'two_thirds_cast' })).toEqual([]);
  });

  it('qualified majority: two thirds of the votes cast', () => {
    const rule = { majority: 'two_thirds_cast' as const };
    expect(voteProblems('adopted', v(8, 4, 2), rule)).toEqual([]);
    expect(voteProblems('adopted', v(6, 4, 4), rule)).toEqual([
      { field: 'result', message: '6 yes of 10 votes cast is less than the two thirds needed: the motion is rejected' },
    ]);
    expect(voteProblems('rejected', v(6, 4), rule)).toEqual([]);
    expect(voteProblems('adopted', v(0, 0, 5), rule)).toHaveLength(1);
  });

  it('qualified majority: a majority (or two thirds) of the statutory members, whatever the no votes', () => {
    const rule = { majority: 'majority_of_statutory' as const, statutoryMembers: 15 };
    expect(voteProblems('adopted', v(8, 6), rule)).toEqual([]);
    expect(voteProblems('adopted', v(7, 0, 7), rule)).toEqual([
      { field: 'result', message: '7 yes is not a majority of the 15 statutory members: the motion is rejected' },
    ]);
    expect(voteProblems('adopted', { unanimous: true }, rule)).toEqual([
      { field: 'votes', message: 'a majority of the statutory members needs the yes count, not only unanimous' },
    ]);
    expect(voteProblems('adopted', v(8, 0), { majority: 'majority_of_statutory' })).toEqual([
      { field: 'votes', message: 'the organization has no statutory number of members for this majority' },
    ]);
    const twoThirds = { majority: 'two_thirds_of_statutory' as const, statutoryMembers: 15 };
    expect(voteProblems('adopted', v(10, 0), twoThirds)).toEqual([]);
    expect(voteProblems('adopted', v(9, 0), twoThirds)).toHaveLength(1);
  });

  it('einstimmig bei Enthaltungen: no vote against, abstentions allowed', () => {
    const rule = { majority: 'unanimous' as const };
    expect(voteProblems('adopted', v(12, 0, 2), rule)).toEqual([]);
    expect(voteProblems('adopted', v(12, 1, 1), rule)).toEqual([
      { field: 'result', message: '12 yes against 1 no is not unanimous: the motion is rejected' },
    ]);
    expect(voteProblems('rejected', v(12, 1), rule)).toEqual([]);
  });
});
