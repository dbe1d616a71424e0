import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connect.ts';
import type { Database } from '../../src/db/database.ts';

/** PGlite's parameterised statements run prepared (src/db/pglite-prepared.ts): same answers as pglite.query. */
describe('prepared statements on the embedded database', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({ dataDir: 'memory://' });
    await db.exec(`CREATE TABLE p (id bigserial PRIMARY KEY, code text UNIQUE, on_day date, doc jsonb, tags text[],
                     n int)`);
  });
  afterAll(async () => db?.close());

  it('runs one statement many times with values of each type, dates as ISO strings and bigints as numbers', async () => {
    const insert = 'INSERT INTO p (code, on_day, doc, tags, n) VALUES ($1, $2, $3, $4, $5) RETURNING id, on_day';
    for (let i = 1; i <= 30; i++) {
      const r = await db.query<{ id: number; on_day: string }>(insert, [
        `c${i}`,
        '2025-07-01',
        JSON.stringify({ i }),
        ['a', `t${i}`],
        i % 3 === 0 ? null : i,
      ]);
      expect(r.rows).toEqual([{ id: i, on_day: '2025-07-01' }]);
      expect(r.rowCount).toBe(1);
    }
    const read = await db.query<{ code: string; doc: unknown; tags: string[]; n: number | null; total: number }>(
      'SELECT code, doc, tags, n, count(*) OVER ()::bigint AS total FROM p WHERE n IS NULL AND code = ANY($1::text[])',
      [['c3', 'c6', 'c7']],
    );
    expect(read.rows).toEqual([
      { code: 'c3', doc: { i: 3 }, tags: ['a', 't3'], n: null, total: 2 },
      { code: 'c6', doc: { i: 6 }, tags: ['a', 't6'], n: null, total: 2 },
    ]);
    const updated = await db.query('UPDATE p SET n = $1 WHERE n IS NULL', [0]);
    expect(updated.rowCount).toBe(10);
  });

  it('an error keeps PostgreSQL’s code and constraint, rolls the transaction back, and the statement still works', async () => {
    const insert = 'INSERT INTO p (code, on_day) VALUES ($1, $2)';
    await expect(
      db.transaction(async (tx) => {
        await tx.query(insert, ['fresh', '2025-01-01']);
        await tx.query(insert, ['c1', '2025-01-01']);
      }),
    ).rejects.toMatchObject({ code: '23505', constraint: 'p_code_key' });
    const fresh = await db.query('SELECT 1 FROM p WHERE code = $1', ['fresh']);
    expect(fresh.rows).toHaveLength(0);
    await expect(db.query('SELECT nope FROM p WHERE code = $1', ['x'])).rejects.toMatchObject({ code: '42703' });
    await db.query(insert, ['fresh', '2025-01-01']);
    expect((await db.query('SELECT 1 FROM p WHERE code = $1', ['fresh'])).rows).toHaveLength(1);
  });

  it('statements outside a transaction wait for one that is open instead of landing inside it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let began!: () => void;
    const inside = new Promise<void>((r) => {
      began = r;
    });
    const tx = db.transaction(async (t) => {
      await t.query('INSERT INTO p (code) VALUES ($1)', ['inside']);
      began();
      await gate;
      throw new Error('rolled back');
    });
    await inside;
    const outside = db.query('INSERT INTO p (code) VALUES ($1)', ['outside']);
    await new Promise((r) => setTimeout(r, 20));
    release();
    await expect(tx).rejects.toThrow('rolled back');
    await outside;
    const { rows } = await db.query<{ code: string }>('SELECT code FROM p WHERE code = ANY($1::text[]) ORDER BY code', [
      ['inside', 'outside'],
    ]);
    expect(rows).toEqual([{ code: 'outside' }]);
  });
});
