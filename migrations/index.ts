import { Foundation1795676004470 } from './1795676004470-Foundation';
import { PapersWorkflowAudit1795677061377 } from './1795677061377-PapersWorkflowAudit';
import { Meetings1795685974575 } from './1795685974575-Meetings';
import { DeadlinesNotifications1795686896480 } from './1795686896480-DeadlinesNotifications';
import { Tasks1795696372201 } from './1795696372201-Tasks';
import { OperatorRole1796166000000 } from './1796166000000-OperatorRole';
import { SignOffRules1796166339273 } from './1796166339273-SignOffRules';
import { RevokedTokens1796166823061 } from './1796166823061-RevokedTokens';
import { LocalMailBody1796167283355 } from './1796167283355-LocalMailBody';
import { OutboxDone1796168153986 } from './1796168153986-OutboxDone';
import { VotesQuorumBias1796169264057 } from './1796169264057-VotesQuorumBias';
import { SigningCostsTasksBeforeDecision1796169385146 } from './1796169385146-SigningCostsTasksBeforeDecision';
import { MinutesDocuments1796173067011 } from './1796173067011-MinutesDocuments';
import { FraktionenMotions1796180000000 } from './1796180000000-FraktionenMotions';
import { Amendments1796180100000 } from './1796180100000-Amendments';
import { ObjectionWindow1796180200000 } from './1796180200000-ObjectionWindow';
import { DecisionExtracts1796698242489 } from './1796698242489-DecisionExtracts';

/**
 * Every migration, in order. A new file in this folder must be listed here;
 * migrations.spec.ts fails when one is missing.
 */
export const migrations: Function[] = [
  Foundation1795676004470,
  PapersWorkflowAudit1795677061377,
  Meetings1795685974575,
  DeadlinesNotifications1795686896480,
  Tasks1795696372201,
  OperatorRole1796166000000,
  SignOffRules1796166339273,
  RevokedTokens1796166823061,
  LocalMailBody1796167283355,
  OutboxDone1796168153986,
  VotesQuorumBias1796169264057,
  SigningCostsTasksBeforeDecision1796169385146,
  MinutesDocuments1796173067011,
  FraktionenMotions1796180000000,
  Amendments1796180100000,
  ObjectionWindow1796180200000,
  DecisionExtracts1796698242489,
];
