/** Department data exchange 数据交换 (issue 4): catalogue, ingestion, verification 核对. */

export { findCategory, listCategories, seedExchangeCatalogue } from './catalogue.repository.ts';
export { CATEGORIES, type CategoryDef, type CategoryField, DEPARTMENTS } from './catalogue.ts';
export { defineExchangeJobs, EXCHANGE_IMPORT_JOB, EXCHANGE_VERIFY_BATCH_JOB } from './exchange.jobs.ts';
export { registerExchangeRoutes } from './exchange.routes.ts';
export { canExchange, EXCHANGE_ADMIN, ExchangeService } from './exchange.service.ts';
export {
  BATCH_COMPLETED,
  type IngestOptions,
  type IngestResult,
  ingestLines,
  ingestRows,
} from './ingest.ts';
export { simulateRows } from './simulator.ts';
export { type CategoryAnswer, getVerification, type VerificationResult, verifyHousehold } from './verification.ts';
export {
  type FoundRecord,
  summariseVerification,
  type VerificationCheck,
  type VerificationSummary,
} from './verification-summary.ts';
