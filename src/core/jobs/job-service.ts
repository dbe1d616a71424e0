import { fromPglite, PgBoss } from 'pg-boss';
import type { Database, Queryable } from '../../db/database.ts';

/** What a job handler gets: its parameters and a way to report progress shown in the UI and CLI. */
export interface JobContext {
  runId: string;
  params: Record<string, unknown>;
  progress(done: number, total?: number, message?: string): Promise<void>;
}

export type JobHandler = (ctx: JobContext) => Promise<Record<string, unknown> | undefined>;

export interface JobDefinition {
  name: string;
  titleZh: string;
  titleEn: string;
  /** Optional cron (China time) for scheduled runs. */
  cron?: string;
  handler: JobHandler;
}

export interface JobRunRow {
  id: string;
  name: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: number;
  total: number | null;
  message: string | null;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

/**
 * Queued and scheduled work on the platform database through pg-boss (on PGlite through its pglite backend).
 * Each run is mirrored in job_run with status, progress and error, which the admin UI and CLI read.
 */
export class JobService {
  private readonly db: Database;
  private readonly definitions = new Map<string, JobDefinition>();
  private boss: PgBoss | undefined;

  constructor(db: Database) {
    this.db = db;
  }

  define(def: JobDefinition): void {
    this.definitions.set(def.name, def);
  }

  list(): JobDefinition[] {
    return [...this.definitions.values()];
  }

  /** Starts pg-boss workers and schedules; call once per server process. */
  async start(): Promise<void> {
    const boss =
      this.db.kind === 'pglite'
        ? new PgBoss({ db: fromPglite(this.db), backend: 'pglite', schema: 'pgboss' })
        : new PgBoss({ db: { executeSql: (text, values) => this.db.query(text, values) }, schema: 'pgboss' });
    boss.on('error', () => {
      /* surfaced through job_run rows */
    });
    await boss.start();
    this.boss = boss;
    for (const def of this.definitions.values()) {
      await boss.createQueue(def.name);
      await boss.work<{ runId: string }>(def.name, { pollingIntervalSeconds: 1 }, async ([job]) => {
        await this.execute(def, job.data.runId);
      });
      if (def.cron) await boss.schedule(def.name, def.cron, { scheduled: true }, { tz: 'Asia/Shanghai' });
    }
  }

  async stop(): Promise<void> {
    await this.boss?.stop({ graceful: true, timeout: 5000 });
    this.boss = undefined;
  }

  /** Queues a run; returns its job_run id at once. */
  async enqueue(name: string, params: Record<string, unknown>, createdBy: string, tx?: Queryable): Promise<string> {
    if (!this.definitions.has(name)) throw new Error(`unknown job ${name}`);
    const q = tx ?? this.db;
    const { rows } = await q.query<{ id: string }>(
      `INSERT INTO job_run (name, status, params, created_by) VALUES ($1, 'queued', $2, $3) RETURNING id`,
      [name, JSON.stringify(params), createdBy],
    );
    const runId = rows[0].id;
    if (this.boss) await this.boss.send(name, { runId });
    return runId;
  }

  /** Runs a job in this process now (CLI), with the same bookkeeping as a queued run. */
  async runNow(name: string, params: Record<string, unknown>, createdBy: string): Promise<JobRunRow> {
    const def = this.definitions.get(name);
    if (!def) throw new Error(`unknown job ${name}`);
    const { rows } = await this.db.query<{ id: string }>(
      `INSERT INTO job_run (name, status, params, created_by) VALUES ($1, 'queued', $2, $3) RETURNING id`,
      [name, JSON.stringify(params), createdBy],
    );
    await this.execute(def, rows[0].id);
    return this.get(rows[0].id);
  }

  /** Recent runs, newest first, for the jobs page and `huimin jobs list`. */
  async listRuns(
    page: number,
    pageSize: number,
  ): Promise<{ total: number; rows: Array<JobRunRow & { result: unknown }> }> {
    const total = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM job_run');
    const { rows } = await this.db.query<JobRunRow & { result: unknown }>(
      `SELECT id, name, status, progress, total, message, error, created_at, started_at, finished_at, result
       FROM job_run ORDER BY created_at DESC LIMIT $1 OFFSET $2`,
      [pageSize, (page - 1) * pageSize],
    );
    return { total: total.rows[0].n, rows };
  }

  async get(runId: string): Promise<JobRunRow> {
    const { rows } = await this.db.query<JobRunRow>('SELECT * FROM job_run WHERE id = $1', [runId]);
    return rows[0];
  }

  private async execute(def: JobDefinition, runId: string | undefined): Promise<void> {
    let id = runId;
    if (!id) {
      const { rows } = await this.db.query<{ id: string }>(
        `INSERT INTO job_run (name, status, params, created_by) VALUES ($1, 'queued', '{}', 'schedule') RETURNING id`,
        [def.name],
      );
      id = rows[0].id;
    }
    const { rows } = await this.db.query<{ params: Record<string, unknown> | null }>(
      `UPDATE job_run SET status = 'running', started_at = now() WHERE id = $1 RETURNING params`,
      [id],
    );
    const runIdFinal = id;
    try {
      const result = await def.handler({
        runId: runIdFinal,
        params: rows[0]?.params ?? {},
        progress: async (done, total, message) => {
          await this.db.query(
            'UPDATE job_run SET progress = $2, total = coalesce($3, total), message = coalesce($4, message) WHERE id = $1',
            [runIdFinal, done, total ?? null, message ?? null],
          );
        },
      });
      await this.db.query(`UPDATE job_run SET status = 'succeeded', finished_at = now(), result = $2 WHERE id = $1`, [
        runIdFinal,
        JSON.stringify(result ?? {}),
      ]);
    } catch (err) {
      await this.db.query(`UPDATE job_run SET status = 'failed', finished_at = now(), error = $2 WHERE id = $1`, [
        runIdFinal,
        err instanceof Error ? err.message : String(err),
      ]);
    }
  }
}
