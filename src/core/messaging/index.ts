import type { Database } from '../../db/database.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { JobService } from '../jobs/job-service.ts';
import type { WorkflowService } from '../workflow/workflow.service.ts';
import { subscribeCaseMessages } from './case-events.subscriber.ts';
import { deadlineRemindersJob } from './deadline-reminders.job.ts';
import { MessagesService } from './messages.service.ts';
import { NoticesService } from './notices.service.ts';
import { SettingsService } from './settings.service.ts';

export type { NewMessage } from './messages.repository.ts';
export type { SettingKey, SettingValue } from './setting-definitions.ts';
export { MessagesService, NoticesService, SettingsService };

/** Runtime settings, notices and in-app messages on one database, with their event subscribers and daily job. */
export function createMessaging(deps: {
  db: Database;
  events: EventBus;
  jobs: JobService;
  workflow: WorkflowService;
  today: () => string;
}): { settings: SettingsService; notices: NoticesService; messages: MessagesService } {
  const settings = new SettingsService(deps.db);
  const notices = new NoticesService(deps.db, deps.today);
  const messages = new MessagesService(deps.db);
  subscribeCaseMessages({ db: deps.db, events: deps.events, workflow: deps.workflow, messages });
  deps.jobs.define(deadlineRemindersJob({ db: deps.db, settings, today: deps.today }));
  return { settings, notices, messages };
}
