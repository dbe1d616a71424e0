import { z } from 'zod';
import { recordAudit } from '../audit/audit.repository.ts';
import { emitEvent } from '../events/event-bus.ts';
import { AppError, invalidField, notFound } from '../shared/errors.ts';
import { defineWorkflow } from '../workflow/workflow-definition.ts';
import { dictionaryHas } from './dictionaries.ts';
import {
  closeMembership,
  findCurrentMembership,
  findHouseholdInScope,
  insertMembership,
  listMemberships,
} from './household.repository.ts';

/**
 * 合户申请: two households become one. The township clerk submits it; the township's reviewers countersign (会签,
 * every chosen reviewer must agree); then one of the chosen district approvers signs (或签). On that approval the
 * members of the merged-away household end their membership there and join the remaining household the same day —
 * the old memberships stay as history. Exercises every approval step of the workflow kernel with real meaning.
 */
const RelationCode = z
  .string()
  .refine((v) => dictionaryHas('relation', v), '不在代码表 relation 中 / not in code list relation');

const HouseholdMergeData = z.strictObject({
  /** 并入户: the household that remains. */
  targetHouseholdId: z.uuid('应为有效的家庭ID / must be a household id'),
  /** 被并户: the household whose members move. */
  sourceHouseholdId: z.uuid('应为有效的家庭ID / must be a household id'),
  reason: z.string().trim().min(2, '合户理由至少2个字 / at least 2 characters').max(500, '理由过长 / too long'),
  /** Relation of each moving member to the remaining household's head (GB/T 4761); 99 非亲属 when not given. */
  relations: z.record(z.string(), RelationCode).default({}),
});

const OTHER_RELATION = '99';

export const householdMergeWorkflow = defineWorkflow({
  code: 'registry.household_merge',
  nameZh: '合户申请',
  nameEn: 'Household merge',
  businessLine: 'registry',
  initial: 'drafted',
  totalWorkingDays: 20,
  data: HouseholdMergeData,
  checkOpen: async ({ tx, actor, regionCode, data }) => {
    const merge = HouseholdMergeData.parse(data);
    const target = await findHouseholdInScope(tx, actor, merge.targetHouseholdId);
    if (!target) throw notFound('household', '家庭');
    const source = await findHouseholdInScope(tx, actor, merge.sourceHouseholdId);
    if (!source) throw notFound('household', '家庭');
    if (target.id === source.id) {
      throw invalidField(
        'data.sourceHouseholdId',
        '被并户与并入户不能是同一户',
        'must differ from the target household',
      );
    }
    if (target.region_code !== regionCode) {
      throw invalidField('data.targetHouseholdId', '并入户应在办件所在村(社区)', 'must be in the case region');
    }
    if (source.member_count === 0) {
      throw invalidField('data.sourceHouseholdId', '被并户没有现有成员', 'has no current members');
    }
    const moving = new Set(
      (await listMemberships(tx, source.id)).filter((m) => m.valid_to === null).map((m) => m.person_id),
    );
    for (const personId of Object.keys(merge.relations)) {
      if (!moving.has(personId)) {
        throw invalidField(
          `data.relations.${personId}`,
          '不是被并户的现有成员',
          'not a current member of that household',
        );
      }
    }
  },
  states: {
    drafted: { nameZh: '待提交', nameEn: 'To submit', candidateRole: 'township_clerk', stepWorkingDays: 2 },
    township_review: {
      nameZh: '乡镇会签',
      nameEn: 'Township countersign',
      stepWorkingDays: 5,
      approval: {
        mode: 'all',
        role: 'township_reviewer',
        approve: 'township_agree',
        reject: 'township_disagree',
        minApprovers: 2,
      },
    },
    district_review: {
      nameZh: '区县或签',
      nameEn: 'District sign-off',
      stepWorkingDays: 5,
      approval: { mode: 'any', role: 'district_approver', approve: 'district_agree', reject: 'district_disagree' },
    },
    merged: { nameZh: '已合户', nameEn: 'Merged', final: true },
    rejected: { nameZh: '不予合户', nameEn: 'Rejected', final: true },
  },
  transitions: {
    submit: {
      nameZh: '提交会签',
      nameEn: 'Submit for countersign',
      from: ['drafted'],
      to: 'township_review',
      roles: ['township_clerk'],
    },
    township_agree: {
      nameZh: '会签同意',
      nameEn: 'Agree',
      from: ['township_review'],
      to: 'district_review',
      roles: ['township_reviewer'],
    },
    township_disagree: {
      nameZh: '会签不同意',
      nameEn: 'Disagree',
      from: ['township_review'],
      to: 'rejected',
      roles: ['township_reviewer'],
      requireComment: true,
    },
    district_agree: {
      nameZh: '同意合户',
      nameEn: 'Approve the merge',
      from: ['district_review'],
      to: 'merged',
      roles: ['district_approver'],
      effect: async ({ tx, actor, data, regionCode, caseId, today }) => {
        const merge = HouseholdMergeData.parse(data);
        const members = (await listMemberships(tx, merge.sourceHouseholdId)).filter((m) => m.valid_to === null);
        if (members.length === 0) {
          throw new AppError(
            'workflow.transition_invalid',
            '步骤「区县或签」无法合户:被并户已没有现有成员',
            'step "District sign-off": the merged-away household no longer has members',
          );
        }
        for (const m of members) {
          const current = await findCurrentMembership(tx, m.person_id);
          if (current) await closeMembership(tx, current.id, today);
          await insertMembership(tx, {
            householdId: merge.targetHouseholdId,
            personId: m.person_id,
            relationCode: merge.relations[m.person_id] ?? OTHER_RELATION,
            validFrom: today,
          });
        }
        const personIds = members.map((m) => m.person_id);
        await recordAudit(tx, actor, {
          action: 'household.merged',
          entityType: 'household',
          entityId: merge.targetHouseholdId,
          regionCode,
          detail: { caseId, sourceHouseholdId: merge.sourceHouseholdId, personIds },
        });
        await emitEvent(
          tx,
          'household.merged',
          { caseId, targetHouseholdId: merge.targetHouseholdId, sourceHouseholdId: merge.sourceHouseholdId, personIds },
          regionCode,
        );
      },
    },
    district_disagree: {
      nameZh: '不予合户',
      nameEn: 'Reject the merge',
      from: ['district_review'],
      to: 'rejected',
      roles: ['district_approver'],
      requireComment: true,
    },
  },
});
