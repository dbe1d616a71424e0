import type { Database } from './database.ts';

/**
 * PGlite runs PostgreSQL in single-user mode: no autovacuum. Without it a table that started empty keeps the
 * planner's guesses for ever (an intake's duplicate check scanned every case instead of one household's index entry)
 * and dead rows are never reclaimed. The server runs autovacuum's own decision in userland instead: on an interval,
 * each table past PostgreSQL's default thresholds gets VACUUM (ANALYZE) or ANALYZE. A real PostgreSQL has its
 * autovacuum and needs none of this.
 */

/** PostgreSQL's autovacuum defaults (autovacuum_*_threshold and *_scale_factor). */
export const AUTOVACUUM_DEFAULTS = {
  vacuumThreshold: 50,
  vacuumScaleFactor: 0.2,
  insertThreshold: 1000,
  insertScaleFactor: 0.2,
  analyzeThreshold: 50,
  analyzeScaleFactor: 0.1,
} as const;

export interface TableActivity {
  table: string;
  /** pg_class.reltuples: -1 before the first VACUUM or ANALYZE */
  reltuples: number;
  deadTuples: number;
  insertedSinceVacuum: number;
  modifiedSinceAnalyze: number;
}

export type MaintenanceStep = 'vacuum' | 'analyze';

/** What autovacuum would do to the table now, by its rules: vacuum (with analyze) first, else analyze, else nothing. */
export function maintenanceDue(t: TableActivity, limits = AUTOVACUUM_DEFAULTS): MaintenanceStep | null {
  return overdue(t, limits)?.step ?? null;
}

/** The step due and how far past its threshold the table is (2 = twice the threshold), for taking the worst first. */
function overdue(t: TableActivity, limits = AUTOVACUUM_DEFAULTS): { step: MaintenanceStep; ratio: number } | null {
  const tuples = Math.max(t.reltuples, 0);
  const dead = t.deadTuples / (limits.vacuumThreshold + limits.vacuumScaleFactor * tuples);
  const inserted = t.insertedSinceVacuum / (limits.insertThreshold + limits.insertScaleFactor * tuples);
  const modified = t.modifiedSinceAnalyze / (limits.analyzeThreshold + limits.analyzeScaleFactor * tuples);
  if (dead > 1 || inserted > 1) return { step: 'vacuum', ratio: Math.max(dead, inserted, modified) };
  if (modified > 1) return { step: 'analyze', ratio: modified };
  return null;
}

/**
 * One pass: reads the activity counters of every table and maintains those past the thresholds, the furthest past
 * first, at most `maxTables` of them. The embedded database has one connection, so the server does one table per
 * pass: every request waits while a table is vacuumed, and a pass over every growing table at once held requests
 * for a third of a second under load.
 */
export async function maintainEmbeddedTables(
  db: Database,
  maxTables = Number.POSITIVE_INFINITY,
): Promise<Array<{ table: string; step: MaintenanceStep }>> {
  // counters reach pg_stat_user_tables when the session flushes them; ask for that first
  await db.query('SELECT pg_stat_force_next_flush()');
  const { rows } = await db.query<{
    table: string;
    reltuples: number;
    dead: number;
    inserted: number;
    modified: number;
  }>(
    `SELECT s.relname AS table, c.reltuples::float8 AS reltuples, s.n_dead_tup::float8 AS dead,
            s.n_ins_since_vacuum::float8 AS inserted, s.n_mod_since_analyze::float8 AS modified
       FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
      WHERE s.schemaname = 'public'`,
  );
  const due = rows
    .map((r) => ({
      table: r.table,
      due: overdue({
        table: r.table,
        reltuples: Number(r.reltuples),
        deadTuples: Number(r.dead),
        insertedSinceVacuum: Number(r.inserted),
        modifiedSinceAnalyze: Number(r.modified),
      }),
    }))
    .filter((t): t is { table: string; due: { step: MaintenanceStep; ratio: number } } => t.due !== null)
    .sort((a, b) => b.due.ratio - a.due.ratio)
    .slice(0, maxTables);
  const done: Array<{ table: string; step: MaintenanceStep }> = [];
  for (const { table, due: step } of due) {
    const name = `"${table.replaceAll('"', '""')}"`;
    await db.exec(step.step === 'vacuum' ? `VACUUM (ANALYZE) ${name}` : `ANALYZE ${name}`);
    done.push({ table, step: step.step });
  }
  return done;
}

/**
 * Maintains the embedded database every intervalMs in the background (the server), one table per pass; nothing on
 * PostgreSQL. Returns a stop function that waits for a running pass.
 */
export function startEmbeddedMaintenance(
  db: Database,
  options: { intervalMs?: number; onError?: (err: unknown) => void } = {},
): () => Promise<void> {
  if (db.kind !== 'pglite') return async () => {};
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(() => maintainEmbeddedTables(db, 1)).catch((err) => options.onError?.(err));
  }, options.intervalMs ?? 10_000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
