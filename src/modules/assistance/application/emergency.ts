import { z } from 'zod';
import { type Actor, isInScope } from '../../../core/auth/actor.ts';
import { AppError, notFound } from '../../../core/shared/errors.ts';
import { maskName } from '../../../core/shared/masking.ts';
import type { WorkflowService } from '../../../core/workflow/workflow.service.ts';
import { defineWorkflow } from '../../../core/workflow/workflow-definition.ts';
import type { Database } from '../../../db/database.ts';
import { resolveParameters } from '../rules/policy-parameters.ts';
import { decideEmergency } from '../rules/temporary.ts';
import type { EmergencyInput } from './application.schema.ts';
import type { ClassifyDeps } from './classification.ts';
import { asIntake, assertIntake } from './intake-guard.ts';

export const EMERGENCY_WORKFLOW = 'assistance.emergency';
const EMERGENCY_ROLES = ['township_clerk', 'township_reviewer'];

/**
 * 临时救助 急难型 (DOMAIN §1.4): the township grants a small amount at once (≤ the emergency cap, 2,000 yuan [CQ]) and
 * the papers follow. The place where the emergency happened decides — its township acts and its parameters apply —
 * whatever the household registration. The case opens already granted; its one step is completing the papers within
 * `papersWorkingDays` (default 10, [Assumption]: DOMAIN gives no number). Payment of the advance is outside this case.
 */
export function emergencyWorkflow(papersWorkingDays = 10) {
  return defineWorkflow({
    code: EMERGENCY_WORKFLOW,
    nameZh: '临时救助(急难型)',
    nameEn: 'Emergency temporary assistance',
    businessLine: 'assistance',
    initial: 'granted',
    totalWorkingDays: papersWorkingDays,
    checkOpen: async () => assertIntake(EMERGENCY_WORKFLOW, '临时救助(急难型)'),
    states: {
      granted: {
        nameZh: '已先行救助,待补齐材料',
        nameEn: 'Granted, papers pending',
        candidateRole: 'township_clerk',
        stepWorkingDays: papersWorkingDays,
      },
      closed: { nameZh: '材料已补齐', nameEn: 'Papers complete', final: true },
    },
    transitions: {
      complete_papers: {
        nameZh: '补齐材料',
        nameEn: 'Papers complete',
        from: ['granted'],
        to: 'closed',
        roles: EMERGENCY_ROLES,
        requireComment: true,
        input: z.strictObject({}),
      },
    },
  });
}

/** Grants an emergency advance at the place where it happened. */
export async function grantEmergency(
  deps: ClassifyDeps & { db: Database; workflow: WorkflowService },
  actor: Actor,
  input: EmergencyInput,
) {
  if (!actor.roles.some((r) => EMERGENCY_ROLES.includes(r)) || actor.regionScope.length < 9) {
    throw new AppError(
      'auth.forbidden',
      '急难型临时救助由急难发生地乡镇(街道)实施',
      'the township where it happened grants it',
    );
  }
  if (!isInScope(actor, input.placeRegionCode)) throw notFound('region', '区划');
  const versions = await deps.policy.assistanceVersions(deps.db, input.placeRegionCode);
  let parameters: ReturnType<typeof resolveParameters>;
  try {
    parameters = resolveParameters(versions, input.placeRegionCode, input.occurredOn);
  } catch {
    throw new AppError(
      'assistance.policy_missing',
      `${input.occurredOn} 没有生效的政策参数`,
      `no parameters in force on ${input.occurredOn}`,
    );
  }
  const decision = decideEmergency({
    memberIds: input.personId ? [input.personId] : [],
    placeRegionCode: input.placeRegionCode,
    occurredOn: input.occurredOn,
    needFen: input.needFen,
    parameters,
  });
  const created = await asIntake(EMERGENCY_WORKFLOW, () =>
    deps.workflow.open(actor, {
      workflow: EMERGENCY_WORKFLOW,
      regionCode: input.placeRegionCode,
      title: `临时救助(急难型) ${maskName(input.beneficiaryName)}`,
      subjectType: input.personId ? 'person' : undefined,
      subjectId: input.personId,
      data: {
        beneficiaryName: input.beneficiaryName,
        occurredOn: input.occurredOn,
        needFen: input.needFen,
        amountFen: decision.amountFen ?? 0,
        description: input.description,
        decision,
        policySnapshotId: parameters.versionId,
      },
      auditDetail: { intake: 'assistance.emergency.grant', amountFen: decision.amountFen ?? 0, needFen: input.needFen },
    }),
  );
  return {
    caseId: created.id,
    caseNo: created.case_no,
    outcome: decision.outcome,
    amountFen: decision.amountFen ?? 0,
    reasons: decision.reasons,
    trace: decision.trace,
  };
}
