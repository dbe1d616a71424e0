import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import { pglitePreparedStatements } from './pglite-prepared.ts';

/**
 * One small interface over the two PostgreSQL engines Huimin runs on: the embedded PGlite (default) and a real
 * PostgreSQL through a pool (DATABASE_URL). Repositories write visible SQL with $1 parameters against it.
 */
export interface Queryable {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: T[]; rowCount: number }>;
}

/** A transaction's connection: queries, and COPY of CSV rows inside the same transaction (bulk paths). */
export interface TransactionQueryable extends Queryable {
  copyFromCsv(table: string, columns: string[], csv: string): Promise<number>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs fn in one transaction; rolls back when it throws. */
  transaction<T>(fn: (tx: TransactionQueryable) => Promise<T>): Promise<T>;
  /** Parameterless multi-statement SQL (migrations, DDL) with the simple protocol; every statement's rows. */
  exec(sql: string): Promise<Array<{ rows: Record<string, unknown>[] }>>;
  /** COPY rows in CSV into a table (bulk paths). */
  copyFromCsv(table: string, columns: string[], csv: string | Buffer): Promise<number>;
  close(): Promise<void>;
}

export function createPgliteDatabase(pglite: PGlite): Database {
  // Parameterised statements run prepared (pglite-prepared.ts) under PGlite's own locks: outside a transaction the
  // transaction lock and the query lock, as pglite.query takes them; inside one, the query lock.
  const prepared = pglitePreparedStatements(pglite, MAX_PREPARED);
  const runPrepared = <T>(text: string, params: unknown[], inTransaction: boolean) =>
    pglite._runExclusiveQuery(() => prepared.run<T>(text, params, !inTransaction));
  return {
    kind: 'pglite',
    async query<T>(text: string, params?: unknown[]) {
      if (params && params.length > 0 && prepared.accepts(text)) {
        return pglite._runExclusiveTransaction(() => runPrepared<T>(text, params, false));
      }
      const r = await pglite.query<T>(text, params as unknown[]);
      return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
    },
    async transaction<T>(fn: (tx: TransactionQueryable) => Promise<T>) {
      return pglite.transaction(async (t) =>
        fn({
          async query<R>(text: string, params?: unknown[]) {
            if (params && params.length > 0 && prepared.accepts(text)) return runPrepared<R>(text, params, true);
            const r = await t.query<R>(text, params as unknown[]);
            return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
          },
          async copyFromCsv(table, columns, csv) {
            const r = await t.query(`COPY ${table} (${columns.join(',')}) FROM '/dev/blob' WITH (FORMAT csv)`, [], {
              blob: new Blob([csv]),
            });
            return r.affectedRows ?? 0;
          },
        }),
      );
    },
    async exec(sql: string) {
      const results = await pglite.exec(sql);
      return results.map((r) => ({ rows: r.rows as Record<string, unknown>[] }));
    },
    async copyFromCsv(table, columns, csv) {
      const blob = new Blob([typeof csv === 'string' ? csv : new Uint8Array(csv)]);
      const r = await pglite.query(`COPY ${table} (${columns.join(',')}) FROM '/dev/blob' WITH (FORMAT csv)`, [], {
        blob,
      });
      return r.affectedRows ?? 0;
    },
    close: () => pglite.close(),
  };
}

/** Distinct parameterised statements kept prepared per connection; more than this (dynamic SQL) run unnamed. */
const MAX_PREPARED = 2000;

export function createPostgresDatabase(pool: pg.Pool, copyFrom: typeof import('pg-copy-streams').from): Database {
  // Parameterised statements run as named prepared statements: each connection parses and analyses a statement once
  // instead of on every call. PostgreSQL's default plan_cache_mode keeps planning with the values while a generic
  // plan would cost more (a region prefix in LIKE $1 keeps its index range). force_custom_plan was tried and is
  // worse: the foreign-key checks' own plans were re-planned on stale statistics and scanned wf_case whole.
  const names = new Map<string, string>();
  const statement = (text: string, params: unknown[] | undefined) => {
    if (!params || params.length === 0) return { text };
    let name = names.get(text);
    if (!name && names.size < MAX_PREPARED) {
      name = `h${names.size.toString(36)}`;
      names.set(text, name);
    }
    return name ? { name, text, values: params } : { text, values: params };
  };
  const wrap = (c: pg.Pool | pg.PoolClient): Queryable => ({
    async query<T>(text: string, params?: unknown[]) {
      const r = await c.query(statement(text, params));
      return { rows: r.rows as T[], rowCount: r.rowCount ?? 0 };
    },
  });
  const copyCsv = async (client: pg.PoolClient, table: string, columns: string[], csv: string | Buffer) => {
    const stream = client.query(copyFrom(`COPY ${table} (${columns.join(',')}) FROM STDIN WITH (FORMAT csv)`));
    await new Promise<void>((resolve, reject) => {
      stream.on('finish', () => resolve());
      stream.on('error', reject);
      stream.end(csv);
    });
    return Number(stream.rowCount ?? 0);
  };
  return {
    kind: 'postgres',
    ...wrap(pool),
    async transaction<T>(fn: (tx: TransactionQueryable) => Promise<T>) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({
          ...wrap(client),
          copyFromCsv: (table, columns, csv) => copyCsv(client, table, columns, csv),
        });
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    async exec(sql: string) {
      const r = (await pool.query(sql)) as unknown as pg.QueryResult | pg.QueryResult[];
      const list = Array.isArray(r) ? r : [r];
      return list.map((x) => ({ rows: x.rows ?? [] }));
    },
    async copyFromCsv(table, columns, csv) {
      const client = await pool.connect();
      try {
        return await copyCsv(client, table, columns, csv);
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
