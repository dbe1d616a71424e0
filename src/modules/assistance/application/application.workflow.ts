import { z } from 'zod';
import { AppError } from '../../../core/shared/errors.ts';
import { defineWorkflow, type EffectContext } from '../../../core/workflow/workflow-definition.ts';
import type { Queryable } from '../../../db/database.ts';
import type { ApprovedApplication } from '../enrollment/enroll-approved.ts';
import { setPublicityStatus } from '../publicity/publicity.repository.ts';
import { assertPublicityPassed, openPublicity, upholdObjection } from '../publicity/publicity.service.ts';
import type { Classification } from '../rules/classify.ts';
import { verifiedFactsOf } from '../verification/verification.service.ts';
import {
  APPLICATION_WORKFLOW,
  getApplicationForUpdate,
  hasAuthorisation,
  updateDecision,
} from './application.repository.ts';
import { Reasons } from './application.schema.ts';
import { type ClassifyDeps, classifyFacts, primaryGrant } from './classification.ts';
import { assertIntake } from './intake-guard.ts';
import { programmeName } from './programme-names.ts';

/** Runtime parameters of the procedure (DOMAIN §1.1; defaults given there). */
export interface ApplicationWorkflowOptions {
  /** Whole procedure, working days from receipt (30). */
  totalWorkingDays: number;
  /** Verification and township review, working days from acceptance (10). */
  townshipWorkingDays: number;
  /** 公示 calendar days (7). */
  publicityDays: number;
}

export const DEFAULT_APPLICATION_OPTIONS: ApplicationWorkflowOptions = {
  totalWorkingDays: 30,
  townshipWorkingDays: 10,
  publicityDays: 7,
};

export interface ApplicationWorkflowDeps extends ClassifyDeps {
  enroll: (tx: Queryable, actor: EffectContext['actor'], app: ApprovedApplication) => Promise<string[]>;
}

const ReasonsInput = z.strictObject({ reasons: Reasons });
const UpholdInput = z.strictObject({
  objectionId: z.uuid('应为有效的异议ID / must be an objection id'),
  resolution: z.string().trim().min(2).max(2000),
});

/**
 * 社会救助申请 (DOMAIN §1.1 Procedure): apply → accept or refuse at once → verification (data checks, home visit by
 * two investigators, neighbour interviews) → township review within 10 working days of acceptance → 公示 7 days in
 * the village → district approval → enrollment. Whole procedure 30 working days (extendable once by ≤ 15).
 */
export function assistanceApplicationWorkflow(
  deps: ApplicationWorkflowDeps,
  options: ApplicationWorkflowOptions = DEFAULT_APPLICATION_OPTIONS,
) {
  const township = { stepWorkingDays: options.townshipWorkingDays, stepClock: 'township' };
  return defineWorkflow({
    code: APPLICATION_WORKFLOW,
    nameZh: '社会救助申请',
    nameEn: 'Social assistance application',
    businessLine: 'assistance',
    initial: 'submitted',
    totalWorkingDays: options.totalWorkingDays,
    // one open application per household, whatever the programme: more needs go into the open one
    oneOpenPerSubject: {
      field: 'householdId',
      messageZh: (caseNo) => `该家庭已有办理中的救助申请(${caseNo}),请在原申请中补充材料`,
      messageEn: (caseNo) => `the household already has an open application (${caseNo}); add to it instead`,
    },
    checkOpen: async ({ actor }) => {
      assertIntake(APPLICATION_WORKFLOW, '社会救助申请');
      if (!actor.roles.some((r) => ['township_clerk', 'village_coordinator', 'system'].includes(r))) {
        throw new AppError(
          'auth.forbidden',
          '只有窗口受理员或协理员可以受理救助申请',
          'only window clerks or coordinators take applications',
        );
      }
    },
    states: {
      submitted: { nameZh: '待受理', nameEn: 'Submitted', candidateRole: 'township_clerk' },
      verifying: { nameZh: '调查核实', nameEn: 'Verification', candidateRole: 'township_clerk', ...township },
      township_review: {
        nameZh: '乡镇审核',
        nameEn: 'Township review',
        candidateRole: 'township_reviewer',
        ...township,
      },
      publicity: { nameZh: '公示', nameEn: 'Public notice', candidateRole: 'township_reviewer' },
      district_approval: { nameZh: '区县审批', nameEn: 'District approval', candidateRole: 'district_approver' },
      approved: { nameZh: '已批准', nameEn: 'Approved', final: true },
      refused: { nameZh: '不予批准', nameEn: 'Refused', final: true },
      not_accepted: { nameZh: '不予受理', nameEn: 'Not accepted', final: true },
    },
    transitions: {
      accept: {
        nameZh: '受理',
        nameEn: 'Accept',
        from: ['submitted'],
        to: 'verifying',
        roles: ['township_clerk'],
        effect: async ({ tx, caseId }) => {
          if (!(await hasAuthorisation(tx, caseId))) {
            throw new AppError(
              'assistance.authorisation_missing',
              '请先上传家庭经济状况核对授权书(已签字),再受理',
              'upload the household’s signed authorisation for data checks before accepting',
              [{ field: 'documents.authorisation', message_zh: '缺少授权书', message_en: 'authorisation missing' }],
            );
          }
        },
      },
      not_accept: {
        nameZh: '不予受理',
        nameEn: 'Do not accept',
        from: ['submitted'],
        to: 'not_accepted',
        roles: ['township_clerk'],
        input: ReasonsInput,
        effect: (ctx) => storeRefusal(ctx, 'not_accepted'),
      },
      complete_verification: {
        nameZh: '核查完成',
        nameEn: 'Complete verification',
        from: ['verifying'],
        to: 'township_review',
        roles: ['township_clerk', 'township_reviewer'],
        effect: async ({ tx, caseId, today }) => {
          const app = await getApplicationForUpdate(tx, caseId);
          const { missing, facts } = await verifiedFactsOf(tx, app);
          if (missing.length > 0) {
            throw new AppError(
              'assistance.verification_incomplete',
              `调查核实尚未完成:${missing.map((m) => m.zh).join(';')}`,
              `verification is not complete: ${missing.map((m) => m.en).join('; ')}`,
              missing.map((m) => ({ field: `verification.${m.code}`, message_zh: m.zh, message_en: m.en })),
            );
          }
          const { classification, snapshotId } = await classifyFacts(
            deps,
            tx,
            facts,
            today,
            app.requested,
            app.household_id,
          );
          await storeClassification(tx, caseId, 'verified', classification, snapshotId, facts);
        },
      },
      start_publicity: {
        nameZh: '公示',
        nameEn: 'Start public notice',
        from: ['township_review'],
        to: 'publicity',
        roles: ['township_reviewer'],
        effect: async ({ tx, caseId, today }) => {
          const app = await getApplicationForUpdate(tx, caseId);
          const classification = app.decision?.classification as Classification | undefined;
          const grant = classification ? primaryGrant(classification) : null;
          if (!classification || !grant) {
            throw new AppError(
              'assistance.nothing_granted',
              '核查结果不符合任何救助项目,请作出不予批准的决定并说明理由',
              'the verified facts qualify for no programme; refuse with reasons instead',
            );
          }
          await openPublicity(tx, app, { ...grant, today, days: options.publicityDays });
        },
      },
      uphold_objection: {
        nameZh: '异议成立',
        nameEn: 'Objection upheld',
        from: ['publicity', 'district_approval'],
        to: 'township_review',
        roles: ['township_reviewer'],
        input: UpholdInput,
        effect: async ({ tx, actor, caseId, input }) => {
          const { objectionId, resolution } = UpholdInput.parse(input);
          await upholdObjection(tx, actor, caseId, objectionId, resolution);
          await setPublicityStatus(tx, caseId, 'withdrawn');
        },
      },
      submit_to_district: {
        nameZh: '报区县审批',
        nameEn: 'Submit for district approval',
        from: ['publicity'],
        to: 'district_approval',
        roles: ['township_reviewer'],
        effect: async ({ tx, caseId, today }) => {
          await assertPublicityPassed(tx, caseId, today);
        },
      },
      refuse: {
        nameZh: '审核不通过',
        nameEn: 'Refuse',
        from: ['township_review'],
        to: 'refused',
        roles: ['township_reviewer'],
        input: ReasonsInput,
        effect: (ctx) => storeRefusal(ctx, 'refused'),
      },
      deny: {
        nameZh: '不予批准',
        nameEn: 'Deny approval',
        from: ['district_approval'],
        to: 'refused',
        roles: ['district_approver'],
        input: ReasonsInput,
        effect: (ctx) => storeRefusal(ctx, 'refused'),
      },
      approve: {
        nameZh: '审批通过',
        nameEn: 'Approve',
        from: ['district_approval'],
        to: 'approved',
        roles: ['district_approver'],
        effect: async ({ tx, actor, caseId, today }) => {
          const notice = await assertPublicityPassed(tx, caseId, today);
          const app = await getApplicationForUpdate(tx, caseId);
          const facts = app.verified ?? app.declared;
          // decided on the approval date; paid from the next month (DOMAIN §1.1)
          const { classification, snapshotId } = await classifyFacts(
            deps,
            tx,
            facts,
            today,
            app.requested,
            app.household_id,
          );
          assertSameProgrammeAsNotice(primaryGrant(classification)?.programme ?? null, notice.programme);
          await storeClassification(tx, caseId, 'approved', classification, snapshotId);
          await setPublicityStatus(tx, caseId, 'closed');
          await deps.enroll(tx, actor, {
            caseId,
            householdId: app.household_id,
            regionCode: app.region_code,
            area: app.area,
            approvedOn: today,
            classification,
            policySnapshotId: snapshotId,
          });
        },
      },
    },
  });
}

async function storeClassification(
  tx: Queryable,
  caseId: string,
  stage: 'proposal' | 'verified' | 'approved',
  classification: Classification,
  snapshotId: string | null,
  verified?: Parameters<typeof updateDecision>[2]['verified'],
): Promise<void> {
  const grant = primaryGrant(classification);
  await updateDecision(tx, caseId, {
    verified,
    decision: { stage, classification },
    programme: grant?.programme ?? null,
    amountFen: grant?.amountFen ?? null,
    policySnapshotId: snapshotId,
  });
}

/** A refusal keeps its written reasons and the classification it followed (if any), for the notice. */
async function storeRefusal(ctx: EffectContext, stage: 'not_accepted' | 'refused'): Promise<void> {
  const { reasons } = ReasonsInput.parse(ctx.input);
  const app = await getApplicationForUpdate(ctx.tx, ctx.caseId);
  await updateDecision(ctx.tx, ctx.caseId, {
    decision: {
      stage,
      reasons,
      on: ctx.today,
      by: ctx.actor.name,
      classification: app.decision?.classification ?? null,
    },
    programme: null,
    amountFen: null,
    policySnapshotId: app.policy_snapshot_id,
  });
  await setPublicityStatus(ctx.tx, ctx.caseId, 'withdrawn');
}

/**
 * The approval re-decides on the approval day (a new standard may change the amount, which is expected: payment
 * follows the standard of each month). If the programme itself is no longer the one on the public notice — or none
 * is granted any more — approving would enroll the household in something the village never saw: refuse, so the
 * approver returns it for a new review and 公示, or denies it with reasons.
 */
export function assertSameProgrammeAsNotice(approved: string | null, publicised: string): void {
  if (approved === publicised) return;
  throw new AppError(
    'assistance.decision_changed',
    approved
      ? `按审批日的政策参数,认定结果已由公示的${programmeName(publicised).zh}变为${programmeName(approved).zh},请退回乡镇重新审核公示,或不予批准并说明理由`
      : `按审批日的政策参数已不符合公示的${programmeName(publicised).zh}条件,请退回乡镇重新审核,或不予批准并说明理由`,
    approved
      ? `on the approval day the decision is ${programmeName(approved).en}, not the ${programmeName(publicised).en} on the public notice; return it for a new review and notice, or deny with reasons`
      : `on the approval day the household no longer qualifies for the ${programmeName(publicised).en} on the public notice; return it for a new review, or deny with reasons`,
  );
}
