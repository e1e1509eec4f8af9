import { Module } from '@nestjs/common';
import { DeadlineRules } from './deadline-rules';

/**
 * Only the registry the modules tell their reminder rules to, without the queue and the
 * firing: papers, meetings and tasks import this, so they do not need the deadlines'
 * queue to be built (the deadlines module imports it too and shares the one registry).
 */
@Module({
  providers: [DeadlineRules],
  exports: [DeadlineRules],
})
export class DeadlineRulesModule {}
