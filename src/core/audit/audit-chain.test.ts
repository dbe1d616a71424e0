import { describe, expect, it } from 'vitest';
import { type AuditContent, type ChainRow, chainHash, GENESIS_HASH, verifyChain } from './audit-chain.ts';

function buildChain(n: number): ChainRow[] {
  const rows: ChainRow[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const content: AuditContent = {
      at: `2026-01-0${(i % 9) + 1}T08:00:00.000Z`,
      actorType: 'staff',
      actorId: `u${i}`,
      actorName: '刘芳',
      action: 'person.reveal',
      entityType: 'person',
      entityId: `p${i}`,
      regionCode: '500156003204',
      ip: '127.0.0.1',
      reason: '核对身份',
      detail: { b: 1, a: [1, 2] },
    };
    const hash = chainHash(prev, content);
    rows.push({ ...content, id: i, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

describe('audit hash chain (SM3)', () => {
  it('an untouched chain of 10 rows verifies', () => {
    expect(verifyChain(buildChain(10))).toEqual({ ok: true });
  });

  it('a changed row (row 4 reason edited) is detected at row 4', () => {
    const rows = buildChain(10);
    rows[3] = { ...rows[3], reason: '其他' };
    expect(verifyChain(rows)).toEqual({ ok: false, firstBadId: 4 });
  });

  it('a deleted row (row 6 removed) is detected at the next row, 7', () => {
    const rows = buildChain(10).filter((r) => r.id !== 6);
    expect(verifyChain(rows)).toEqual({ ok: false, firstBadId: 7 });
  });

  it('key order inside detail does not matter (jsonb reorders keys)', () => {
    const rows = buildChain(3);
    rows[1] = { ...rows[1], detail: { a: [1, 2], b: 1 } };
    expect(verifyChain(rows)).toEqual({ ok: true });
  });
});
