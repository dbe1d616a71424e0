import type { Database } from '../../db/database.ts';
import type { FieldCipher } from '../shared/crypto.ts';
import { maskIdNumber, maskPhone } from '../shared/masking.ts';
import { PERSON_INSERT_COLUMNS } from './person.repository.ts';
import type { PersonRecord } from './person-row.ts';

// The same columns as a single insert, plus the id generated here so seeding can link households.
const COLUMNS = ['id', ...PERSON_INSERT_COLUMNS];

function csvText(v: string | null): string {
  if (v === null) return '';
  return /[",\n\r]/.test(v) || v === '' ? `"${v.replaceAll('"', '""')}"` : v;
}

const hex = (b: Buffer | null) => (b ? `\\x${b.toString('hex')}` : '');

/**
 * Writes a batch of validated persons set-based: one blind-index lookup for the whole batch, then one COPY of the
 * new rows. Existing ID numbers (in the database or earlier in the batch) are skipped and reported by position.
 */
export async function writePersonBatch(
  db: Database,
  cipher: FieldCipher,
  records: readonly PersonRecord[],
  ids: readonly string[] = records.map(() => crypto.randomUUID()),
  /** Blind indexes already written by earlier batches of the same import (which may still be in flight). */
  seen: Set<string> = new Set(),
): Promise<{ inserted: number; duplicates: number[] }> {
  const indexes = records.map((r) => cipher.blindIndex(r.idNumber));
  const existing = seen;
  if (records.length > 0) {
    const { rows } = await db.query<{ id_index: Buffer | Uint8Array }>(
      'SELECT id_index FROM person WHERE id_index = ANY($1::bytea[])',
      [indexes],
    );
    for (const r of rows) existing.add(Buffer.from(r.id_index).toString('hex'));
  }
  const duplicates: number[] = [];
  const keep: number[] = [];
  for (let i = 0; i < records.length; i++) {
    const key = indexes[i].toString('hex');
    if (existing.has(key)) duplicates.push(i);
    else {
      existing.add(key);
      keep.push(i);
    }
  }
  if (keep.length === 0) return { inserted: 0, duplicates };
  const idCiphers = cipher.encryptMany(keep.map((i) => records[i].idNumber));
  const phones = keep.map((i) => records[i].phone).filter((p): p is string => p !== null);
  const phoneCiphers = cipher.encryptMany(phones);
  let phoneAt = 0;
  const lines: string[] = new Array(keep.length);
  for (let k = 0; k < keep.length; k++) {
    const r = records[keep[k]];
    const phoneCipher = r.phone ? phoneCiphers[phoneAt++] : null;
    lines[k] = [
      ids[keep[k]],
      hex(idCiphers[k]),
      hex(indexes[keep[k]]),
      maskIdNumber(r.idNumber),
      csvText(r.name),
      r.sex,
      r.birthDate,
      r.ethnicity,
      hex(phoneCipher),
      hex(r.phone ? cipher.blindIndex(r.phone) : null),
      r.phone ? maskPhone(r.phone) : '',
      r.hukouRegionCode,
      r.regionCode,
      r.disabilityCategory ?? '',
      r.disabilityLevel ?? '',
      r.healthStatus,
      r.labourCapacity,
      r.employmentStatus,
      r.monthlyIncomeFen,
    ].join(',');
  }
  try {
    const inserted = await db.copyFromCsv('person', COLUMNS, `${lines.join('\n')}\n`);
    return { inserted, duplicates };
  } catch (err) {
    // Someone registered one of these persons while the batch was prepared: redo it against the database.
    if ((err as { code?: string }).code !== '23505') throw err;
    const retry = await writePersonBatch(db, cipher, records, ids, new Set());
    return retry;
  }
}
