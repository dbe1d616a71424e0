import { z } from 'zod';
import { AppError } from '../../core/shared/errors.ts';
import { defineWorkflow } from '../../core/workflow/workflow-definition.ts';
import { findFollowUpCaseId } from './rating.repository.ts';
import { FollowUpData } from './rating.schema.ts';

export const FOLLOW_UP_WORKFLOW = 'rating.follow_up';
export const DEFAULT_FOLLOW_UP_WORKING_DAYS = 5;

/**
 * 差评回访整改: a 不满意/非常不满意 rating opens this case for the township reviewers where the rated case was handled;
 * they call the resident back and record what was done within N working days (default 5). Only the platform opens
 * it (from the rating.submitted event), once per rating.
 */
export function ratingFollowUpWorkflow(workingDays: number = DEFAULT_FOLLOW_UP_WORKING_DAYS) {
  if (!Number.isInteger(workingDays) || workingDays < 1) throw new RangeError('follow-up working days must be ≥ 1');
  return defineWorkflow({
    code: FOLLOW_UP_WORKFLOW,
    nameZh: '差评回访整改',
    nameEn: 'Follow-up of a poor rating',
    // Case lists are scoped by business line: every role that handles cases covers 'registry'.
    businessLine: 'registry',
    initial: 'open',
    totalWorkingDays: workingDays,
    data: FollowUpData,
    checkOpen: async ({ tx, actor, subjectType, subjectId }) => {
      if (actor.kind !== 'system' || subjectType !== 'rating' || !subjectId) {
        throw new AppError(
          'auth.forbidden',
          '差评回访办件由评价自动生成,不能手工受理',
          'follow-up cases are opened by the platform from a poor rating, not by hand',
        );
      }
      // Serialises concurrent deliveries of the same event; the second finds the first's case and stops.
      await tx.query('SELECT pg_advisory_xact_lock(7410031, hashtext($1))', [subjectId]);
      if (await findFollowUpCaseId(tx, subjectId)) throw new FollowUpExistsError(subjectId);
    },
    states: {
      open: {
        nameZh: '待回访整改',
        nameEn: 'Awaiting follow-up',
        candidateRole: 'township_reviewer',
        stepWorkingDays: workingDays,
      },
      resolved: { nameZh: '已回访整改', nameEn: 'Followed up', final: true },
    },
    transitions: {
      resolve: {
        nameZh: '回访整改完成',
        nameEn: 'Record the follow-up',
        from: ['open'],
        to: 'resolved',
        roles: ['township_reviewer', 'district_approver'],
        requireComment: true,
        input: z.strictObject({
          residentReached: z.boolean({ error: '请说明是否已联系到评价人 / say whether the resident was reached' }),
        }),
      },
    },
  });
}

export class FollowUpExistsError extends Error {
  constructor(ratingId: string) {
    super(`rating ${ratingId} already has a follow-up case`);
    this.name = 'FollowUpExistsError';
  }
}
