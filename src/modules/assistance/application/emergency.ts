import { z } from 'zod';
import { type Actor, isInScope } from '../../../core/auth/actor.ts';
import { AppError, notFound } from '../../../core/shared/errors.ts';
import { maskName } from '../../../core/shared/masking.ts';
import type { WorkflowService } from '../../../core/workflow/workflow.service.ts';
import { defineWorkflow } from '../../../core/workflow/workflow-definition.ts';
import type { Database } from '../../../db/database.ts';
import { enrollEmergencyAdvance } from '../enrollment/enroll-emergency.ts';
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
 * `papersWorkingDays` (default 10, [Assumption]: DOMAIN gives no number). The advance to a registered person is paid
 * by the place's district payroll (temporaryAssistanceEmergency), enrolled with the case (enroll-emergency.ts).
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
  deps: ClassifyDeps & { db: Database; workflow: WorkflowService; today: () => string },
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
  const grantedOn = deps.today();
  let enrollmentId: string | null = null;
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
      receivedOn: grantedOn,
      auditDetail: { intake: 'assistance.emergency.grant', amountFen: decision.amountFen ?? 0, needFen: input.needFen },
      afterOpen: async (tx, c) => {
        enrollmentId = await enrollEmergencyAdvance(tx, actor, {
          caseId: c.id,
          personId: input.personId ?? null,
          placeRegionCode: input.placeRegionCode,
          grantedOn,
          occurredOn: input.occurredOn,
          decision,
          versionId: parameters.versionId,
        });
      },
    }),
  );
  return {
    caseId: created.id,
    caseNo: created.case_no,
    outcome: decision.outcome,
    amountFen: decision.amountFen ?? 0,
    /** The enrollment paying the advance in the next payroll run; null when it is paid outside payroll. */
    enrollmentId: enrollmentId as string | null,
    reasons: decision.reasons,
    trace: decision.trace,
  };
}
