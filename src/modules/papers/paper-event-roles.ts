/**
 * Who may send which paper event: the one role table the machine, the HTTP layer and the
 * meetings (who settles an item on a paper's behalf) share.
 */
import type { Role } from '../identity/role';
import type { PaperEventType } from './paper.types';

/** Sign-off events are not bound to a fixed role but to whoever's step is next. */
export const NEXT_SIGN_OFF_STEP = 'nextSignOffStep' as const;

/**
 * Who may send which event. `admin` may send every event (checked in `mayAct`, not listed
 * here); `auditor` reads only and appears nowhere.
 */
export const EVENT_ROLES: Record<PaperEventType, readonly Role[] | typeof NEXT_SIGN_OFF_STEP> = {
  SUBMIT: ['clerk'],
  // Anträge and Anfragen arrive by mail or portal: the Sitzungsdienst registers them.
  REGISTER: ['committee_office'],
  // Sent with the release of the Beantwortung, on the office's behalf by whoever released it.
  ANSWER: ['committee_office'],
  SIGN: NEXT_SIGN_OFF_STEP,
  REJECT_SIGNOFF: NEXT_SIGN_OFF_STEP,
  SCHEDULE: ['committee_office'],
  UNSCHEDULE: ['committee_office'],
  RECORD_RESULT: ['committee_office'],
  URGENT_DECISION: ['district_administrator'],
  APPROVE_URGENT_DECISION: ['committee_office'],
  OVERTURN_URGENT_DECISION: ['committee_office'],
  WITHDRAW: ['clerk'],
  START_IMPLEMENTATION: ['clerk'],
  CLOSE: ['clerk'],
  PREPARE_TASK: ['clerk'],
  // § 39 KrO NRW: the Landrat objects and contests; his deputy only "i.V." (mayAct).
  OBJECT: ['district_administrator'],
  CONTEST: ['district_administrator'],
  SUPERVISORY_DECISION: ['committee_office'],
};
