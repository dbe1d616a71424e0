import type { EventBus } from '../../core/events/event-bus.ts';
import type { WorkflowService } from '../../core/workflow/workflow.service.ts';
import type { Database } from '../../db/database.ts';
import { DEFAULT_FOLLOW_UP_WORKING_DAYS, ratingFollowUpWorkflow } from './follow-up.workflow.ts';
import { RATING_SUBMITTED, RatingService } from './rating.service.ts';

export { registerRatingRoutes } from './rating.routes.ts';
export { RatingService } from './rating.service.ts';

/**
 * Wires 好差评 into the platform: the follow-up workflow (due in `followUpWorkingDays`, default 5, or
 * HUIMIN_RATING_FOLLOW_UP_DAYS) and the subscriber that opens it for a 差评.
 */
export function createRatings(deps: {
  db: Database;
  workflow: WorkflowService;
  events: EventBus;
  today: () => string;
  followUpWorkingDays?: number;
}): RatingService {
  const days =
    deps.followUpWorkingDays ?? Number(process.env.HUIMIN_RATING_FOLLOW_UP_DAYS || DEFAULT_FOLLOW_UP_WORKING_DAYS);
  deps.workflow.register(ratingFollowUpWorkflow(days));
  const service = new RatingService({ db: deps.db, workflow: deps.workflow, today: deps.today });
  deps.events.subscribe('rating.follow_up', RATING_SUBMITTED, async (event) => {
    await service.openFollowUp(event);
  });
  return service;
}
