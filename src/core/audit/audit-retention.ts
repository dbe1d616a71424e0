import type { Queryable } from '../../db/database.ts';
import type { JobService } from '../jobs/job-service.ts';
import { todayInChina } from '../workflow/working-days.ts';

/**
 * Audit retention policy (docs/decisions/0003-database-roles-and-audit-retention.md): audit rows are kept at least
 * 180 days (网络安全法 第二十一条: network logs kept no less than six months). Huimin never deletes audit rows itself;
 * the scheduled `audit.retention` job only reports how many rows are past the retention period, and a retention
 * shorter than 180 days is refused wherever it is asked for (setting, job parameter).
 */
export const AUDIT_RETENTION_MIN_DAYS = 180;

export class RetentionTooShortError extends Error {
  constructor(days: unknown) {
    super(
      `审计日志至少保存${AUDIT_RETENTION_MIN_DAYS}天,不接受 ${String(days)} / audit rows are kept at least ` +
        `${AUDIT_RETENTION_MIN_DAYS} days; ${String(days)} is refused`,
    );
    this.name = 'RetentionTooShortError';
  }
}

/** A retention in whole days, at least 180; anything else (e.g. HUIMIN_AUDIT_RETENTION_DAYS=90) is refused. */
export function parseRetentionDays(value: unknown, fallback = AUDIT_RETENTION_MIN_DAYS): number {
  if (value === undefined || value === null || value === '') return fallback;
  const days = typeof value === 'number' ? value : Number(String(value).trim());
  if (!Number.isInteger(days) || days < AUDIT_RETENTION_MIN_DAYS) throw new RetentionTooShortError(value);
  return days;
}

/** The retention from the environment (HUIMIN_AUDIT_RETENTION_DAYS, default 180); throws when shorter. */
export function auditRetentionFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  return parseRetentionDays(env.HUIMIN_AUDIT_RETENTION_DAYS);
}

/** First day (China time) whose rows are still inside the retention period: rows before it are past retention. */
export function retentionCutoff(today: string, days: number): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - parseRetentionDays(days));
  return d.toISOString().slice(0, 10);
}

export interface RetentionReport {
  retentionDays: number;
  cutoff: string;
  total: number;
  pastRetention: number;
  oldestAt: string | null;
}

/** Counts audit rows past retention; reads only, so the hash chain is untouched. */
export async function reportAuditRetention(
  db: Queryable,
  retentionDays: number,
  today: string = todayInChina(),
): Promise<RetentionReport> {
  const cutoff = retentionCutoff(today, retentionDays);
  const { rows } = await db.query<{ total: number; past: number; oldest: Date | string | null }>(
    `SELECT count(*)::int AS total,
            count(*) FILTER (WHERE at < ($1::date::timestamp AT TIME ZONE 'Asia/Shanghai'))::int AS past,
            min(at) AS oldest
     FROM audit_log`,
    [cutoff],
  );
  const r = rows[0];
  return {
    retentionDays,
    cutoff,
    total: r.total,
    pastRetention: r.past,
    oldestAt: r.oldest ? new Date(r.oldest).toISOString() : null,
  };
}

/**
 * The scheduled `audit.retention` job (monthly): reports rows past retention and never removes any. A run asked for
 * a retention under 180 days (params.retentionDays) fails with the refusal and reads nothing.
 */
export function defineAuditRetentionJob(
  jobs: JobService,
  db: Queryable,
  retentionDays: number,
  today: () => string = () => todayInChina(),
): void {
  const configured = parseRetentionDays(retentionDays);
  jobs.define({
    name: 'audit.retention',
    titleZh: '审计日志保存期限报告(至少180天,不删除)',
    titleEn: 'Audit retention report (at least 180 days; nothing is deleted)',
    cron: '0 3 1 * *',
    handler: async (ctx) => {
      const days = parseRetentionDays(ctx.params.retentionDays, configured);
      const report = await reportAuditRetention(db, days, today());
      await ctx.progress(report.total, report.total, `${report.pastRetention} rows older than ${report.cutoff}`);
      return { ...report };
    },
  });
}
