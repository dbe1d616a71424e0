import { z } from 'zod';
import { recordAudit } from '../audit/audit.repository.ts';
import { emitEvent } from '../events/event-bus.ts';
import { invalidField, notFound } from '../shared/errors.ts';
import { defineWorkflow } from '../workflow/workflow-definition.ts';
import { findHouseholdInScope } from './household.repository.ts';

/**
 * 家庭信息变更核实: a township clerk records a household's change of address; the township reviewer checks it and the
 * change is applied to the registry on approval. The smallest real case type, used by the workbench from day one.
 */
const HouseholdChangeData = z.strictObject({
  householdId: z.uuid('应为有效的家庭ID / must be a household id'),
  newAddress: z.string().trim().min(2, '新住址至少2个字 / at least 2 characters').max(200, '新住址过长 / too long'),
});

export const householdChangeWorkflow = defineWorkflow({
  code: 'registry.household_change',
  nameZh: '家庭信息变更',
  nameEn: 'Household information change',
  businessLine: 'registry',
  initial: 'submitted',
  data: HouseholdChangeData,
  checkOpen: async ({ tx, actor, regionCode, subjectType, subjectId, data }) => {
    const { householdId } = HouseholdChangeData.parse(data);
    const household = await findHouseholdInScope(tx, actor, householdId);
    if (!household) throw notFound('household', '家庭');
    if (
      household.region_code !== regionCode ||
      (subjectType ?? 'household') !== 'household' ||
      (subjectId ?? householdId) !== householdId
    ) {
      throw invalidField(
        'data.householdId',
        '家庭与办件的区划或对象不一致',
        'the household does not match the case region or subject',
      );
    }
  },
  totalWorkingDays: 10,
  states: {
    submitted: { nameZh: '待审核', nameEn: 'Awaiting review', candidateRole: 'township_reviewer', stepWorkingDays: 5 },
    approved: { nameZh: '已变更', nameEn: 'Changed', final: true },
    rejected: { nameZh: '不予变更', nameEn: 'Rejected', final: true },
  },
  transitions: {
    approve: {
      nameZh: '审核通过',
      nameEn: 'Approve',
      from: ['submitted'],
      to: 'approved',
      roles: ['township_reviewer', 'district_approver'],
      effect: async ({ tx, actor, data, regionCode }) => {
        // The data was checked when the case was opened; a failure here means the record changed since.
        const change = HouseholdChangeData.parse(data);
        const { rowCount } = await tx.query(
          'UPDATE household SET address = $2, updated_at = now(), version = version + 1 WHERE id = $1',
          [change.householdId, change.newAddress],
        );
        if (rowCount !== 1) throw new Error(`household ${change.householdId} no longer exists`);
        await recordAudit(tx, actor, {
          action: 'household.address_changed',
          entityType: 'household',
          entityId: change.householdId,
          regionCode,
        });
        await emitEvent(tx, 'household.address_changed', change, regionCode);
      },
    },
    reject: {
      nameZh: '不予变更',
      nameEn: 'Reject',
      from: ['submitted'],
      to: 'rejected',
      roles: ['township_reviewer', 'district_approver'],
      requireComment: true,
    },
  },
});
