import type { WorkflowService } from '../../../core/workflow/workflow.service.ts';
import { findState } from '../../../core/workflow/workflow-definition.ts';
import type { Database } from '../../../db/database.ts';
import { AssistanceStatisticsService } from './statistics.service.ts';

export { registerAssistanceStatisticsRoutes } from './statistics.routes.ts';
export { AssistanceStatisticsService } from './statistics.service.ts';

/** Wires assistance statistics: state names come from the registered workflow when it is there. */
export function createAssistanceStatistics(deps: {
  db: Database;
  workflow: WorkflowService;
  today: () => string;
}): AssistanceStatisticsService {
  const stateName = (workflow: string, state: string) => {
    try {
      const found = findState(deps.workflow.getDefinition(workflow), state);
      return { zh: found?.nameZh ?? state, en: found?.nameEn ?? state };
    } catch {
      return { zh: state, en: state };
    }
  };
  return new AssistanceStatisticsService({ db: deps.db, today: deps.today, stateName });
}
