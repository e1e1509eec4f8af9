/**
 * Whether a recorded result follows from its votes (Kreisordnung NRW, Beschlussfassung:
 * a motion carries with the majority of the votes cast, abstentions are not votes cast,
 * a tie rejects). The one place this rule lives: the meeting's result endpoint and the
 * paper's own RECORD_RESULT both ask `voteProblems`.
 *
 * The majority a decision needs is data (per agenda item, default `simple`):
 * - `simple`: more yes than no.
 * - `two_thirds_cast`: at least two thirds of the votes cast (yes + no) are yes.
 * - `majority_of_statutory`: more yes than half the statutory number of members.
 * - `two_thirds_of_statutory`: at least two thirds of the statutory members vote yes.
 * - `unanimous`: "einstimmig bei Enthaltungen": at least one yes, no vote against.
 *
 * Procedural results (`postponed`, `referred`) are motions of their own: when votes are
 * given, they must carry them by a simple majority. `noted` is not voted on and takes no
 * votes. A result without votes stays allowed: the minutes then say nothing about counts.
 */
export const MAJORITY_RULES = ['simple', 'two_thirds_cast', 'majority_of_statutory', 'two_thirds_of_statutory', 'unanimous'] as const;
export type MajorityRule = (typeof MAJORITY_RULES)[number];

export type VoteCount = { yes: number; no: number; abstain: number } | { unanimous: true };

/** Results that say the motion carried, and those that say it failed. */
const CARRIED = new Set(['adopted', 'adopted_amended', 'recommended']);
const FAILED = new Set(['rejected', 'not_recommended']);
const PROCEDURAL = new Set(['postponed', 'referred']);
const NOT_VOTED = new Set(['noted']);

export interface VoteProblem {
  field: 'result' | 'votes';
  message: string;
}

export interface MajorityContext {
  majority?: MajorityRule;
  /** The organization's statutory number of members, for the statutory majorities. */
  statutoryMembers?: number | null;
}

/** Why `result` does not follow from `votes` under the rule; empty when it does (or when there are no votes). */
export function voteProblems(result: string, votes: VoteCount | undefined, context: MajorityContext = {}): VoteProblem[] {
  if (votes === undefined) return [];
  if (NOT_VOTED.has(result)) return [{ field: 'votes', message: `${result} is not voted on: record it without votes` }];
  const procedural = PROCEDURAL.has(result);
  if (!procedural && !CARRIED.has(result) && !FAILED.has(result)) return [];
  const rule: MajorityRule = procedural ? 'simple' : (context.majority ?? 'simple');
  const outcome = carries(votes, rule, context.statutoryMembers);
  if (typeof outcome === 'string') return [{ field: 'votes', message: outcome }];
  const wantsCarried = procedural || CARRIED.has(result);
  if (outcome.carried === wantsCarried) return [];
  const instead = result === 'not_recommended' ? 'recommended' : 'adopted';
  return [{ field: 'result', message: wantsCarried ? outcome.why : `${outcome.why}: the motion is ${instead}, not ${result}` }];
}

/**
 * Whether the votes carry the motion under the rule, and why (a failing `why` already says
 * the motion is rejected); a string when the votes cannot tell.
 */
export function carries(votes: VoteCount, rule: MajorityRule, statutoryMembers?: number | null): { carried: boolean; why: string } | string {
  if ('unanimous' in votes) {
    if (rule === 'majority_of_statutory' || rule === 'two_thirds_of_statutory') {
      return 'a majority of the statutory members needs the yes count, not only unanimous';
    }
    return { carried: true, why: 'a unanimous vote' };
  }
  const { yes, no } = votes;
  const cast = yes + no;
  switch (rule) {
    case 'simple':
      if (yes > no) return { carried: true, why: `${yes} yes against ${no} no is a majority` };
      if (yes === no) return { carried: false, why: `${yes} yes against ${no} no is a tie: a tie rejects the motion` };
      return { carried: false, why: `${yes} yes against ${no} no is not a majority: the motion is rejected` };
    case 'two_thirds_cast':
      return yes > 0 && 3 * yes >= 2 * cast
        ? { carried: true, why: `${yes} yes of ${cast} votes cast reach two thirds` }
        : { carried: false, why: `${yes} yes of ${cast} votes cast is less than the two thirds needed: the motion is rejected` };
    case 'majority_of_statutory':
    case 'two_thirds_of_statutory': {
      if (!statutoryMembers || statutoryMembers <= 0) return 'the organization has no statutory number of members for this majority';
      const enough = rule === 'majority_of_statutory' ? 2 * yes > statutoryMembers : 3 * yes >= 2 * statutoryMembers;
      const share = rule === 'majority_of_statutory' ? 'a majority' : 'two thirds';
      return enough
        ? { carried: true, why: `${yes} yes is ${share} of the ${statutoryMembers} statutory members` }
        : { carried: false, why: `${yes} yes is not ${share} of the ${statutoryMembers} statutory members: the motion is rejected` };
    }
    case 'unanimous':
      return yes > 0 && no === 0
        ? { carried: true, why: `${yes} yes and no vote against is unanimous` }
        : { carried: false, why: `${yes} yes against ${no} no is not unanimous: the motion is rejected` };
  }
}
