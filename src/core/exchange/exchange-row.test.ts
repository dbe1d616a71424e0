import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../registry/id-number.ts';
import { createFieldCipher } from '../shared/crypto.ts';
import { findCategoryDef } from './catalogue.ts';
import { checkExchangeRow, parseDate, parseYuanToFen, scrubText, toStoredRecord } from './exchange-row.ts';

const cipher = createFieldCipher(Buffer.alloc(16, 1), Buffer.alloc(32, 2));
const TODAY = new Date('2026-11-25T00:00:00Z');
const ID = makeIdNumber('500156', '1958-03-12', 21);
const medical = findCategoryDef('medical_hospitalisation')?.fields ?? [];
const bank = findCategoryDef('bank_deposit')?.fields ?? [];

describe('exchange rows: checking and storing', () => {
  it('parses yuan to fen: 1,234.5 → 123450, 0.07 → 7; refuses 3 decimals and negatives', () => {
    expect(parseYuanToFen('1,234.5')).toBe(123_450);
    expect(parseYuanToFen('0.07')).toBe(7);
    expect(parseYuanToFen('12.345')).toBeUndefined();
    expect(parseYuanToFen('-5')).toBeUndefined();
    expect(parseDate('2026/3/5')).toBe('2026-03-05');
    expect(parseDate('2026-02-30')).toBeUndefined();
  });

  it('a hospitalisation of 38,000.00 yuan, 9,500.50 self-paid → amount 3,800,000 fen, self_paid_fen 950,050', () => {
    const r = checkExchangeRow(
      medical,
      {
        id_number: ID,
        name: '冉秀华',
        occurred_on: '2026-10-08',
        amount: '38000',
        self_paid: '9500.50',
        hospital: '武隆区人民医院',
        diagnosis: '脑梗死',
      },
      TODAY,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.amountFen).toBe(3_800_000);
    const stored = toStoredRecord(medical, r.value, cipher);
    expect(stored.payload).toMatchObject({ self_paid_fen: 950_050, hospital: '武隆区人民医院', name: '冉*华' });
    // no plain ID number anywhere in what is stored; the sensitive diagnosis is masked
    expect(JSON.stringify(stored.payload)).not.toContain(ID);
    expect(stored.payload.diagnosis).toBe('脑*死');
    expect(stored.subjectIndex.equals(cipher.blindIndex(ID))).toBe(true);
  });

  it('reports every problem of a row at once: bad check digit, missing date, malformed money', () => {
    const badId = `${ID.slice(0, 17)}${ID[17] === '0' ? '1' : '0'}`;
    const r = checkExchangeRow(medical, { id_number: badId, amount: '12.345', self_paid: '1' }, TODAY);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.field).sort()).toEqual(['amount', 'id_number', 'occurred_on']);
    expect(r.errors.find((e) => e.field === 'id_number')?.message_zh).toBe('身份证号校验位错误');
  });

  it('the record key is the department record id when given, else a hash without the plain ID number', () => {
    const base = {
      id_number: ID,
      occurred_on: '2026-10-31',
      bank: '重庆农村商业银行',
      account_no: '6217001234567890',
      amount: '5200',
    };
    const a = checkExchangeRow(bank, base, TODAY);
    const b = checkExchangeRow(bank, { ...base, record_id: 'CQRCB-1' }, TODAY);
    if (!a.ok || !b.ok) throw new Error('rows should pass');
    const ka = toStoredRecord(bank, a.value, cipher).recordKey;
    expect(ka).toMatch(/^h:[0-9a-f]{40}$/);
    expect(ka).toBe(toStoredRecord(bank, a.value, cipher).recordKey);
    expect(toStoredRecord(bank, b.value, cipher).recordKey).toBe('id:CQRCB-1');
    expect(toStoredRecord(bank, a.value, cipher).payload.account_no).toBe('6217********7890');
  });

  it('a disability level must be 1-4', () => {
    const fields = findCategoryDef('disability_certificate')?.fields ?? [];
    const r = checkExchangeRow(
      fields,
      { id_number: ID, occurred_on: '2026-01-02', disability_category: '肢体残疾', disability_level: '5' },
      TODAY,
    );
    expect(r.ok).toBe(false);
    const ok = checkExchangeRow(
      fields,
      { id_number: ID, occurred_on: '2026-01-02', disability_category: '肢体残疾', disability_level: '2' },
      TODAY,
    );
    expect(ok.ok && ok.value.values).toMatchObject({ disability_category: 'physical', disability_level: 2 });
  });

  it('an ID number or mobile number typed into a free-text field is masked before it is stored', () => {
    expect(scrubText(`家属 ${ID} 电话13812345678`)).toBe(
      `家属 ${ID.slice(0, 6)}********${ID.slice(-4)} 电话138****5678`,
    );
    const r = checkExchangeRow(
      bank,
      { id_number: ID, occurred_on: '2026-10-31', bank: `联系13912345678`, amount: '1' },
      TODAY,
    );
    if (!r.ok) throw new Error('row should pass');
    expect(toStoredRecord(bank, r.value, cipher).payload.bank).toBe('联系139****5678');
  });
});
