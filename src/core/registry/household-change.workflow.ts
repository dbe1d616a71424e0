import { z } from 'zod';
import { recordAudit } from '../audit/audit.repository.ts';
import { emitEvent } from '../events/event-bus.ts';
import { defineWorkflow } from '../workflow/workflow-definition.ts';

/**
 * 家庭信息变更核实: a township clerk records a household's change of address; the township reviewer checks it and the
 * change is applied to the registry on approval. The smallest real case type, used by the workbench from day one.
 */
export const householdChangeWorkflow = defineWorkflow({
  code: 'registry.household_change',
  nameZh: '家庭信息变更',
  nameEn: 'Household information change',
  businessLine: 'registry',
  initial: 'submitted',
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
        const parsed = z.object({ householdId: z.uuid(), newAddress: z.string().min(2) }).safeParse(data);
        if (!parsed.success) return;
        await tx.query('UPDATE household SET address = $2, updated_at = now(), version = version + 1 WHERE id = $1', [
          parsed.data.householdId,
          parsed.data.newAddress,
        ]);
        await recordAudit(tx, actor, {
          action: 'household.address_changed',
          entityType: 'household',
          entityId: parsed.data.householdId,
          regionCode,
        });
        await emitEvent(tx, 'household.address_changed', parsed.data, regionCode);
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
