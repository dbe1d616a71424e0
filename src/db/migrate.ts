import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.ts';

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

interface JournalEntry {
  idx: number;
  tag: string;
}

/** The committed drizzle-kit migrations, in order, each split into its statements. */
export function loadMigrations(): Array<{ tag: string; statements: string[] }> {
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as {
    entries: JournalEntry[];
  };
  return journal.entries
    .sort((a, b) => a.idx - b.idx)
    .map((e) => ({
      tag: e.tag,
      statements: readFileSync(join(MIGRATIONS_DIR, `${e.tag}.sql`), 'utf8')
        .split('--> statement-breakpoint')
        .map((s) => s.trim())
        .filter((s) => s.length > 0),
    }));
}

/**
 * Applies pending migrations, each in its own transaction, on PGlite and PostgreSQL alike. An advisory lock keeps
 * two server processes starting against one PostgreSQL from migrating at the same time.
 */
export async function migrate(db: Database): Promise<string[]> {
  await db.exec(
    'CREATE TABLE IF NOT EXISTS huimin_migration (tag text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  const applied: string[] = [];
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(7410001)');
    const done = new Set((await tx.query<{ tag: string }>('SELECT tag FROM huimin_migration')).rows.map((r) => r.tag));
    for (const m of loadMigrations()) {
      if (done.has(m.tag)) continue;
      for (const statement of m.statements) await tx.query(statement);
      await tx.query('INSERT INTO huimin_migration (tag) VALUES ($1)', [m.tag]);
      applied.push(m.tag);
    }
  });
  return applied;
}
