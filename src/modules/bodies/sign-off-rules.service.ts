import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../infrastructure/clock/clock';
import type { WorkflowActor } from '../../workflow/workflow-definition';
import { AuditService } from '../../workflow/audit/audit.service';
import { PAPER_TYPES, type PaperType } from '../papers/paper.types';
import { defaultRule, type SignerRole, type SignOffMode } from './sign-off-rule';
import { SignOffRule } from './sign-off-rule.entity';

export interface SignOffRuleView {
  paperType: PaperType;
  /** `none`: no administrative sign-off (Anträge, Anfragen: registered by the committee office). */
  mode: SignOffMode;
  steps: SignerRole[];
  /** Co-sign units that sign in parallel beside the line. */
  parallel: string[];
  /** The body has set no rule for this type: the default chain applies. */
  isDefault: boolean;
}

/**
 * The sign-off chain each body requires per paper type. The papers module reads it
 * (`stepsFor`) when a paper is created; the body's admin sets it. A change is audited
 * (subject type `sign_off_rule`) and applies to papers created afterwards.
 */
@Injectable()
export class SignOffRulesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The chain the body requires for this paper type now. */
  async stepsFor(bodyId: string, paperType: PaperType, manager: EntityManager = this.dataSource.manager): Promise<SignerRole[]> {
    return (await this.ruleFor(bodyId, paperType, manager)).steps;
  }

  /** The chain and the parallel co-sign units the body requires for this paper type now. */
  async ruleFor(
    bodyId: string,
    paperType: PaperType,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ mode: SignOffMode; steps: SignerRole[]; parallel: string[] }> {
    const rule = await manager.findOne(SignOffRule, { where: { bodyId, paperType } });
    return rule ? { mode: rule.mode, steps: [...rule.steps], parallel: [...rule.parallel] } : defaultRule(paperType);
  }

  async list(bodyId: string): Promise<SignOffRuleView[]> {
    const rules = await this.dataSource.manager.find(SignOffRule, { where: { bodyId } });
    return PAPER_TYPES.map((paperType) => view(paperType, rules.find((r) => r.paperType === paperType)));
  }

  async set(
    actor: WorkflowActor,
    bodyId: string,
    paperType: PaperType,
    steps: SignerRole[],
    parallel: string[] = [],
    mode: SignOffMode = 'chain',
  ): Promise<SignOffRuleView> {
    return this.dataSource.transaction(async (m) => {
      // The row exists before it is locked, so two admins setting the same rule take turns.
      await m.query(
        `INSERT INTO sign_off_rule (body_id, paper_type, mode, steps, version) VALUES ($1, $2, $3, $4, 0) ON CONFLICT (body_id, paper_type) DO NOTHING`,
        [bodyId, paperType, defaultRule(paperType).mode, defaultRule(paperType).steps],
      );
      const rule = await m.findOneOrFail(SignOffRule, { where: { bodyId, paperType }, lock: { mode: 'pessimistic_write' } });
      const version = rule.version + 1;
      await m.update(SignOffRule, { id: rule.id }, { mode, steps, parallel, version });
      await this.audit.append(m, {
        bodyId,
        subjectType: 'sign_off_rule',
        subjectId: rule.id,
        seq: version,
        type: 'SET_SIGN_OFF_RULE',
        actorId: actor.id,
        actorName: actor.username,
        at: this.clock.now(),
        fromState: null,
        toState: 'set',
        payload: { paperType, mode, steps, parallel, previous: rule.steps, previousParallel: rule.parallel, previousMode: rule.mode },
        machineVersion: 0,
      });
      return view(paperType, { ...rule, mode, steps, parallel });
    });
  }

  /** The default rule as the body's own for every type it has none for (the demo seed). */
  async ensureDefaults(bodyId: string, manager: EntityManager): Promise<void> {
    for (const paperType of PAPER_TYPES) {
      const rule = defaultRule(paperType);
      await manager.query(
        `INSERT INTO sign_off_rule (body_id, paper_type, mode, steps, version) VALUES ($1, $2, $3, $4, 0) ON CONFLICT (body_id, paper_type) DO NOTHING`,
        [bodyId, paperType, rule.mode, rule.steps],
      );
    }
  }
}

function view(paperType: PaperType, rule: Pick<SignOffRule, 'mode' | 'steps' | 'parallel'> | undefined): SignOffRuleView {
  const effective = rule ?? defaultRule(paperType);
  return {
    paperType,
    mode: effective.mode,
    steps: [...effective.steps],
    parallel: [...effective.parallel],
    isDefault: !rule,
  };
}
