import { isWorkingDay, todayInChina } from '../../core/workflow/working-days.ts';
import type { Platform } from '../../platform.ts';

/**
 * Demo cases so the workbench has work on first start: address changes in both demo townships, received over the
 * last weeks (some past their deadline), a few already claimed by the township reviewer.
 */
export async function seedDemoCases(platform: Platform): Promise<number> {
  const db = platform.db;
  const today = todayInChina();
  let opened = 0;
  for (const [clerk, reviewer, township] of [
    ['xns_clerk', 'xns_reviewer', '500156003'],
    ['bm_clerk', 'bm_reviewer', '500156101'],
  ] as const) {
    const users = await db.query<{ id: string; username: string }>(
      'SELECT id, username FROM app_user WHERE username = ANY($1)',
      [[clerk, reviewer]],
    );
    const clerkId = users.rows.find((u) => u.username === clerk)?.id;
    const reviewerId = users.rows.find((u) => u.username === reviewer)?.id;
    if (!clerkId || !reviewerId) continue;
    const clerkActor = await platform.auth.loadStaffActor(clerkId);
    const reviewerActor = await platform.auth.loadStaffActor(reviewerId);
    if (!clerkActor || !reviewerActor) continue;
    const households = await db.query<{ id: string; address: string; region_code: string; head_name: string }>(
      `SELECT h.id, h.address, h.region_code, p.name AS head_name FROM household h JOIN person p ON p.id = h.head_person_id
       WHERE h.region_code LIKE $1 ORDER BY h.household_no LIMIT 6`,
      [`${township}%`],
    );
    for (const [i, h] of households.rows.entries()) {
      // Received 1..16 working days ago: the oldest are past their 5-working-day review step.
      let received = today;
      for (let back = 0; back < 1 + i * 3; back++) {
        const d = new Date(`${received}T00:00:00Z`);
        d.setUTCDate(d.getUTCDate() - 1);
        received = d.toISOString().slice(0, 10);
      }
      if (!isWorkingDay(received)) continue;
      const created = await platform.workflow.open(clerkActor, {
        workflow: 'registry.household_change',
        regionCode: h.region_code,
        title: `${h.head_name}户 地址变更`,
        subjectType: 'household',
        subjectId: h.id,
        data: { householdId: h.id, newAddress: h.address.replace(/(\d+)号$/, (_m, n) => `${Number(n) + 10}号`) },
        receivedOn: received,
      });
      if (i % 2 === 0) await platform.workflow.claim(reviewerActor, created.id, 1);
      opened++;
    }
  }
  return opened;
}
