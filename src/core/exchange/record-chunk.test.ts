import { describe, expect, it } from 'vitest';
import { RECORD_COLUMNS, recordStatisticsDue, recordsCsv } from './record-chunk.ts';

describe('recordsCsv', () => {
  it('writes one CSV line per record in RECORD_COLUMNS order: text quoted, no amount as NULL, index as bytea hex', () => {
    const csv = recordsCsv('medical_self_paid', '6f1c1a52-3d2b-4c39-9d3e-0c6a3b8e2f10', [
      {
        recordKey: 'id:A,1 "x"',
        subjectIndex: Buffer.from([0x00, 0xab, 0xff]),
        occurredOn: '2026-11-01',
        amountFen: 123_456,
        payload: { id_masked: '500156********1234', remark: 'a,"b"\nc' },
      },
      {
        recordKey: 'h:0f0f',
        subjectIndex: Buffer.from([0x01]),
        occurredOn: '2026-10-31',
        amountFen: null,
        payload: {},
      },
    ]);
    expect(RECORD_COLUMNS).toEqual([
      'category_code',
      'record_key',
      'subject_index',
      'occurred_on',
      'amount_fen',
      'payload',
      'batch_id',
    ]);
    expect(csv).toBe(
      '"medical_self_paid","id:A,1 ""x""",\\x00abff,"2026-11-01",123456,' +
        '"{""id_masked"":""500156********1234"",""remark"":""a,\\""b\\""\\nc""}",6f1c1a52-3d2b-4c39-9d3e-0c6a3b8e2f10\n' +
        '"medical_self_paid","h:0f0f",\\x01,"2026-10-31",,"{}",6f1c1a52-3d2b-4c39-9d3e-0c6a3b8e2f10\n',
    );
  });

  it('an empty chunk is an empty text', () => {
    expect(recordsCsv('bank_deposit', 'b', [])).toBe('');
  });
});

describe('recordStatisticsDue', () => {
  it("follows autovacuum's analyze threshold: more than 50 + 10% of the table's rows", () => {
    // a table never analysed (reltuples -1) counts as empty: more than 50 rows
    expect(recordStatisticsDue(50, -1)).toBe(false);
    expect(recordStatisticsDue(51, -1)).toBe(true);
    // 450,000 rows known: 45,050 is the threshold
    expect(recordStatisticsDue(45_050, 450_000)).toBe(false);
    expect(recordStatisticsDue(45_051, 450_000)).toBe(true);
  });
});
