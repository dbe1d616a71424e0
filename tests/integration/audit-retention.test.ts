import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/core/audit/audit-seal.ts';
import { createPlatform } from '../../src/platform.ts';
import { createTestPlatform, ENGINES, login, type TestPlatform } from '../support/test-platform.ts';

const TODAY = '2026-03-01'; // 180 days back is 2025-09-02

describe.each(ENGINES)('audit retention (report only, never below 180 days) on %s', (engine) => {
  let t: TestPlatform;
  const count = async () => (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log')).rows[0].n;

  /** An audit row written as if on an earlier day, marked pending like recordAudit does (the sealer links it). */
  async function appendAgedRow(at: string, action: string) {
    await t.db.query(
      `WITH row AS (
         INSERT INTO audit_log (at, actor_type, actor_id, actor_name, action, entity_type)
         VALUES ($1, 'system', 'test', 'test', $2, 'test') RETURNING id)
       INSERT INTO audit_pending (audit_id) SELECT id FROM row`,
      [new Date(at).toISOString(), action],
    );
  }

  beforeAll(async () => {
    t = await createTestPlatform(engine, { today: () => TODAY });
    await appendAgedRow('2025-08-01T02:00:00Z', 'test.aged_212_days');
    await appendAgedRow('2025-08-25T02:00:00Z', 'test.aged_188_days');
    await appendAgedRow('2026-02-01T02:00:00Z', 'test.aged_28_days');
    await login(t.app, 'xns_clerk');
  });
  afterAll(() => t.close());

  it('audit.retention reports 2 rows past 180 days (before 2025-09-02) and deletes none; the chain verifies', async () => {
    const before = await count();
    const run = await t.platform.jobs.runNow('audit.retention', {}, 'test');
    expect(run.status, run.error ?? '').toBe('succeeded');
    const { rows } = await t.db.query<{ result: Record<string, unknown> }>('SELECT result FROM job_run WHERE id = $1', [
      run.id,
    ]);
    expect(rows[0].result).toMatchObject({ retentionDays: 180, cutoff: '2025-09-02', pastRetention: 2, total: before });
    expect(await count()).toBe(before);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, checked: before });
  });

  it('a run with a longer retention (200 days → before 2025-08-13) reports 1 row', async () => {
    const run = await t.platform.jobs.runNow('audit.retention', { retentionDays: 200 }, 'test');
    const { rows } = await t.db.query<{ result: Record<string, unknown> }>('SELECT result FROM job_run WHERE id = $1', [
      run.id,
    ]);
    expect(rows[0].result).toMatchObject({ cutoff: '2025-08-13', pastRetention: 1 });
  });

  it('a request to treat 90-day-old rows as removable is refused: the run fails naming 180, nothing changes', async () => {
    const before = await count();
    const run = await t.platform.jobs.runNow('audit.retention', { retentionDays: 90 }, 'test');
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/至少保存180天/);
    expect(await count()).toBe(before);
  });

  it('a platform configured with 179 days does not start (refused at startup)', () => {
    expect(() =>
      createPlatform(t.db, { encKey: Buffer.alloc(16, 7), indexKey: Buffer.alloc(32, 9), auditRetentionDays: 179 }),
    ).toThrow(/at least 180 days/);
  });

  it('deleting rows younger than 180 days is refused by the database; 0 rows go', async () => {
    const before = await count();
    await expect(t.db.query("DELETE FROM audit_log WHERE at >= '2025-09-02'")).rejects.toThrow(
      /append-only|permission denied/,
    );
    expect(await count()).toBe(before);
  });
});
