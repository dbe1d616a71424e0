import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../../src/core/audit/audit.repository.ts';
import { sealAuditChain, verifyAuditChain } from '../../src/core/audit/audit-seal.ts';
import { systemActor } from '../../src/core/auth/actor.ts';
import type { Database } from '../../src/db/database.ts';
import { createTestDatabase, ENGINES } from '../support/test-platform.ts';

/** ADR 0005: audit rows are appended without a lock and sealed into the chain after commit. */
describe.each(ENGINES)('audit chain sealed after commit on %s', (engine) => {
  let db: Database;
  let drop: () => Promise<void>;
  const count = async (table: string) =>
    (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;
  const write = (i: number) =>
    db.transaction((tx) =>
      recordAudit(tx, systemActor('test'), { action: 'test.write', entityType: 'test', entityId: String(i) }),
    );
  const asOwner = async (table: string, sql: string, params: unknown[]) => {
    await db.exec(`ALTER TABLE ${table} DISABLE TRIGGER ${table}_append_only`);
    try {
      await db.query(sql, params);
    } finally {
      await db.exec(`ALTER TABLE ${table} ENABLE TRIGGER ${table}_append_only`);
    }
  };

  beforeAll(async () => {
    ({ db, drop } = await createTestDatabase(engine));
  });
  afterAll(() => drop());

  it('40 concurrent writers: 40 rows pending, none sealed; one seal links all 40; the chain verifies', async () => {
    const sealsBefore = await count('audit_seal');
    await sealAuditChain(db);
    const sealedBefore = await count('audit_seal');
    await Promise.all(Array.from({ length: 40 }, (_, i) => write(i)));
    expect(await count('audit_pending')).toBe(40);
    expect(await count('audit_seal')).toBe(sealedBefore);
    expect(await sealAuditChain(db)).toBe(40);
    expect(await count('audit_pending')).toBe(0);
    expect(await count('audit_seal')).toBe(sealedBefore + 40);
    expect(sealedBefore).toBeGreaterThanOrEqual(sealsBefore);
    expect(await sealAuditChain(db)).toBe(0);
    // the seals continue one chain: each prev_hash is the hash of the seal before it
    const { rows } = await db.query<{ broken: number }>(
      `SELECT count(*)::int AS broken FROM audit_seal s JOIN audit_seal p ON p.seq = s.seq - 1 WHERE s.prev_hash <> p.hash`,
    );
    expect(rows[0].broken).toBe(0);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, checked: await count('audit_log') });
  });

  it('a rolled-back write leaves no row, no pending mark and no seal', async () => {
    const before = [await count('audit_log'), await count('audit_pending'), await count('audit_seal')];
    await expect(
      db.transaction(async (tx) => {
        await recordAudit(tx, systemActor('test'), { action: 'test.rolled_back', entityType: 'test' });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    await sealAuditChain(db);
    expect([await count('audit_log'), await count('audit_pending'), await count('audit_seal')]).toEqual(before);
  });

  it('verification seals what is pending first: rows written just before it are checked', async () => {
    await write(100);
    await write(101);
    expect(await count('audit_pending')).toBe(2);
    const r = await verifyAuditChain(db);
    expect(r).toEqual({ ok: true, checked: await count('audit_log') });
    expect(await count('audit_pending')).toBe(0);
  });

  it('an edited seal breaks the chain at that row; restored, it verifies', async () => {
    await write(200);
    await sealAuditChain(db);
    const { rows } = await db.query<{ seq: number; audit_id: number; hash: string }>(
      'SELECT seq, audit_id, hash FROM audit_seal ORDER BY seq DESC LIMIT 1',
    );
    await asOwner('audit_seal', 'UPDATE audit_seal SET hash = $2 WHERE seq = $1', [rows[0].seq, 'f'.repeat(64)]);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, firstBadId: Number(rows[0].audit_id) });
    await asOwner('audit_seal', 'UPDATE audit_seal SET hash = $2 WHERE seq = $1', [rows[0].seq, rows[0].hash]);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('a row slipped into audit_log without recordAudit is reported (neither sealed nor pending)', async () => {
    const { rows } = await db.query<{ id: number }>(
      `INSERT INTO audit_log (actor_type, action, entity_type) VALUES ('system', 'test.slipped_in', 'test') RETURNING id`,
    );
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, firstBadId: Number(rows[0].id) });
    await asOwner('audit_log', 'DELETE FROM audit_log WHERE id = $1', [rows[0].id]);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('a deleted audit row is reported by the seal that pointed at it', async () => {
    await write(300);
    await write(301);
    await sealAuditChain(db);
    const { rows } = await db.query<{ id: number }>(
      `SELECT id FROM audit_log WHERE action = 'test.write' AND entity_id = '300'`,
    );
    await asOwner('audit_log', 'DELETE FROM audit_log WHERE id = $1', [rows[0].id]);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, firstBadId: Number(rows[0].id) });
  });
});
