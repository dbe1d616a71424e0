import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../src/core/registry/id-number.ts';
import { importPersonsCsv } from '../../src/core/registry/person-import.ts';
import { createFieldCipher } from '../../src/core/shared/crypto.ts';
import type { Database } from '../../src/db/database.ts';
import { createTestDatabase, ENGINES } from '../support/test-platform.ts';

const cipher = createFieldCipher(Buffer.alloc(16, 1), Buffer.alloc(32, 2));
const HEADER =
  'id_number,name,sex,birth_date,ethnicity,phone,hukou_region_code,region_code,disability_category,disability_level,health_status,labour_capacity,employment_status,monthly_income_fen';

function csv(n: number, badLines: Set<number>): string {
  const lines = [HEADER];
  for (let i = 0; i < n; i++) {
    const id = makeIdNumber('500156', `19${50 + (i % 40)}-0${1 + (i % 9)}-1${i % 9}`, i % 1000);
    const idBad = badLines.has(i) ? `${id.slice(0, 17)}${id[17] === '0' ? '1' : '0'}` : id;
    lines.push(
      `${idBad},"张,${i}",,,01,138${String(i).padStart(8, '0')},500156,500156003204,,,healthy,full,farming,150000`,
    );
  }
  return `${lines.join('\n')}\n`;
}

describe.each(ENGINES)('persons import on %s', (engine) => {
  let db: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ db, drop } = await createTestDatabase(engine));
  });
  afterAll(() => drop());

  it('1,000 rows with 3 bad check digits → 997 stored, 3 reported with line numbers; re-import adds nothing', async () => {
    const file = csv(1000, new Set([10, 500, 999]));
    const r = await importPersonsCsv(db, cipher, Readable.from([file]), { batchSize: 300 });
    expect(r.read).toBe(1000);
    expect(r.inserted).toBe(997);
    expect(r.rejected.map((x) => x.line)).toEqual([12, 502, 1001]);
    expect(r.rejected[0].errors[0].field).toBe('id_number');
    const again = await importPersonsCsv(db, cipher, Readable.from([file]));
    expect(again.inserted).toBe(0);
    expect(again.duplicates).toBe(997);
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM person');
    expect(rows[0].n).toBe(997);
  });

  it('stores no plaintext ID number or phone and finds a person by blind index', async () => {
    const { rows } = await db.query<{ id_cipher: Buffer; id_masked: string; name: string }>(
      'SELECT id_cipher, id_masked, name FROM person WHERE id_index = $1',
      [cipher.blindIndex(makeIdNumber('500156', '1951-02-11', 1))],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].name).toBe('张,1');
    expect(cipher.decrypt(Buffer.from(rows[0].id_cipher))).toBe(makeIdNumber('500156', '1951-02-11', 1));
    expect(rows[0].id_masked).toMatch(/^500156\*{8}\d{3}[\dX]$/);
  });
});
