import type { Database } from '../../db/database.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { systemActor } from '../auth/actor.ts';
import type { JobDefinition } from '../jobs/job-service.ts';
import { addWorkingDays, isWorkingDay } from '../workflow/working-days.ts';
import { insertDeadlineMessages } from './case-messages.repository.ts';
import type { SettingsService } from './settings.service.ts';

export const DEADLINE_JOB = 'messages.deadlines';

/**
 * The daily deadline reminder: each assignee hears once a day about each open case whose step is due within the
 * warning period (2 working days by default, a setting) or already overdue. Offices are closed on rest days, so
 * the job writes nothing then (and nobody comes back to a weekend's worth of duplicates).
 */
export function deadlineRemindersJob(deps: {
  db: Database;
  settings: SettingsService;
  today: () => string;
}): JobDefinition {
  return {
    name: DEADLINE_JOB,
    titleZh: '办件到期站内信提醒',
    titleEn: 'Deadline reminders by in-app message',
    cron: '0 8 * * *',
    handler: async () => {
      const today = deps.today();
      if (!(await deps.settings.get('messages.deadlineReminders'))) return { today, skipped: 'disabled', created: 0 };
      if (!isWorkingDay(today)) return { today, skipped: 'rest day', created: 0 };
      const horizon = addWorkingDays(today, await deps.settings.get('messages.deadlineWarningDays'));
      const created = await deps.db.transaction(async (tx) => {
        const n = await insertDeadlineMessages(tx, today, horizon);
        if (n > 0) {
          await recordAudit(tx, systemActor(DEADLINE_JOB), {
            action: 'messages.deadlines',
            entityType: 'job',
            entityId: DEADLINE_JOB,
            detail: { today, horizon, created: n },
          });
        }
        return n;
      });
      return { today, horizon, created };
    },
  };
}
