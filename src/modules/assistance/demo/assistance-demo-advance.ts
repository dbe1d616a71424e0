/**
 * Takes a few demo applications further through the real services, so the demo shows each step as the platform
 * does it: the signed authorisation uploaded, a home visit signed by two investigators, verification completed (the
 * classification computed on the verified facts), and for one of them the 公示 notice opened in its village.
 */
import type { Actor } from '../../../core/auth/actor.ts';
import type { Platform } from '../../../platform.ts';

/** A 1×1 PNG standing in for the photo of the signed authorisation form. */
const AUTHORISATION_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

export interface CaseToAdvance {
  caseId: string;
  to: 'township_review' | 'publicity';
}

async function version(platform: Platform, caseId: string): Promise<number> {
  const { rows } = await platform.db.query<{ version: number }>('SELECT version FROM wf_case WHERE id = $1', [caseId]);
  return rows[0].version;
}

/** Advances the cases (each in its own transactions, as a user would); returns how many reached their state. */
export async function advanceDemoApplications(
  platform: Platform,
  cases: readonly CaseToAdvance[],
  staff: { clerk: Actor; reviewer: Actor },
  today: string,
): Promise<number> {
  const { applications, verification } = platform.assistance;
  let advanced = 0;
  for (const c of cases) {
    await applications.addDocument(staff.clerk, c.caseId, {
      kind: 'authorisation',
      fileName: '家庭经济状况核对授权书.png',
      mimeType: 'image/png',
      content: AUTHORISATION_PNG,
    });
    const visit = await verification.recordVisit(staff.clerk, c.caseId, {
      kind: 'home_visit',
      visitedOn: today,
      notes: '入户调查:家庭成员、住房和收入情况与申报一致,无大额存款和车辆',
      observations: {},
    });
    await verification.signVisit(staff.reviewer, visit.id);
    await platform.workflow.act(staff.clerk, c.caseId, 'complete_verification', {
      version: await version(platform, c.caseId),
      comment: '核查完成',
    });
    if (c.to === 'publicity') {
      await platform.workflow.claim(staff.reviewer, c.caseId, await version(platform, c.caseId));
      await platform.workflow.act(staff.reviewer, c.caseId, 'start_publicity', {
        version: await version(platform, c.caseId),
        comment: '审核通过,在村(社区)公示',
      });
    }
    advanced++;
  }
  return advanced;
}
