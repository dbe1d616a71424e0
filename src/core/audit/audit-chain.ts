import { sm3Hex } from '../shared/crypto.ts';
import { stableStringify } from '../shared/stable-json.ts';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditContent {
  at: string;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  regionCode: string | null;
  ip: string | null;
  reason: string | null;
  detail: unknown;
}

/** hash_n = SM3(hash_{n-1} + canonical row n): editing or deleting any row breaks every later link. */
export function chainHash(prevHash: string, row: AuditContent): string {
  return sm3Hex(
    prevHash +
      stableStringify([
        row.at,
        row.actorType,
        row.actorId,
        row.actorName,
        row.action,
        row.entityType,
        row.entityId,
        row.regionCode,
        row.ip,
        row.reason,
        row.detail ?? null,
      ]),
  );
}

export interface ChainRow extends AuditContent {
  id: number;
  prevHash: string;
  hash: string;
}

/** Walks rows in id order; returns the first row whose link or content does not match. */
export function verifyChain(rows: Iterable<ChainRow>, startPrev = GENESIS_HASH): { ok: boolean; firstBadId?: number } {
  let prev = startPrev;
  for (const row of rows) {
    if (row.prevHash !== prev || chainHash(prev, row) !== row.hash) return { ok: false, firstBadId: row.id };
    prev = row.hash;
  }
  return { ok: true };
}
