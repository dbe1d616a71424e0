import { createHash } from 'node:crypto';
import { type MaskKind, maskValue } from '../dictionary/sensitivity.ts';
import { checkIdNumber, ID_PROBLEM_MESSAGES } from '../registry/id-number.ts';
import type { FieldCipher } from '../shared/crypto.ts';
import type { FieldError } from '../shared/errors.ts';
import { stableStringify } from '../shared/stable-json.ts';
import {
  AMOUNT_FIELD,
  type CategoryField,
  NAME_FIELD,
  OCCURRED_FIELD,
  RECORD_ID_FIELD,
  SUBJECT_FIELD,
} from './catalogue.ts';

/**
 * One department record, checked and normalised (pure): the subject's ID number (still plain — it never leaves this
 * step except as a blind index), the occurred-on date, the amount in fen and the other fields typed.
 */
export interface CheckedRow {
  idNumber: string;
  recordId: string | null;
  occurredOn: string;
  amountFen: number | null;
  /** Category fields other than the standard ones: text/code as string, money as fen, int as number. */
  values: Record<string, string | number | null>;
  name: string | null;
}

/** What is stored: no plain ID number, phone or other sensitive value (masked or dropped). */
export interface StoredRecord {
  recordKey: string;
  subjectIndex: Buffer;
  occurredOn: string;
  amountFen: number | null;
  payload: Record<string, unknown>;
}

const MAX_TEXT = 200;
/** 100 million yuan: anything above is a typing error in a household's records. */
const MAX_FEN = 10_000_000_000;

const err = (field: string, zh: string, en: string): FieldError => ({ field, message_zh: zh, message_en: en });

/** Text of a raw cell or JSON value; numbers keep their digits, null/undefined are empty. */
export function rawText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  return String(v).trim();
}

/** 'YYYY-MM-DD' (also YYYY/MM/DD and YYYYMMDD) → ISO date, or undefined when not a real date. */
export function parseDate(text: string): string | undefined {
  const m = /^(\d{4})[-/]?(\d{1,2})[-/]?(\d{1,2})$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2100) return undefined;
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return undefined;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Yuan with at most two decimals ('1,234.5' allowed) → integer fen; undefined when malformed or negative. */
export function parseYuanToFen(text: string): number | undefined {
  const t = text.replaceAll(',', '').replace(/^¥/, '');
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return undefined;
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? fen : undefined;
}

function checkField(field: CategoryField, text: string, errors: FieldError[]): string | number | null | undefined {
  if (text === '') {
    if (field.required) errors.push(err(field.key, `${field.labelZh}必填`, `${field.labelEn} is required`));
    return null;
  }
  switch (field.type) {
    case 'text':
      if (text.length > MAX_TEXT) {
        errors.push(
          err(field.key, `${field.labelZh}不超过${MAX_TEXT}字`, `${field.labelEn}: at most ${MAX_TEXT} characters`),
        );
        return undefined;
      }
      return text;
    case 'date': {
      const d = parseDate(text);
      if (!d)
        errors.push(
          err(field.key, `${field.labelZh}应为有效日期 YYYY-MM-DD`, `${field.labelEn} must be a date YYYY-MM-DD`),
        );
      return d;
    }
    case 'money': {
      const fen = parseYuanToFen(text);
      if (fen === undefined || fen > MAX_FEN) {
        errors.push(
          err(
            field.key,
            `${field.labelZh}应为不超过1亿的非负金额(元,最多两位小数)`,
            `${field.labelEn} must be a non-negative amount in yuan with at most 2 decimals, below 100 million`,
          ),
        );
        return undefined;
      }
      return fen;
    }
    case 'int': {
      if (!/^\d{1,9}$/.test(text)) {
        errors.push(err(field.key, `${field.labelZh}应为非负整数`, `${field.labelEn} must be a whole number ≥ 0`));
        return undefined;
      }
      return Number(text);
    }
    case 'code': {
      const o = field.options?.find((x) => x.code === text || x.labelZh === text || x.labelEn === text);
      if (!o) {
        const list = (field.options ?? []).map((x) => `${x.code}(${x.labelZh})`).join('、');
        errors.push(err(field.key, `${field.labelZh}应为:${list}`, `${field.labelEn} must be one of: ${list}`));
        return undefined;
      }
      return o.code;
    }
  }
}

/**
 * Checks one record against its category's fields; returns every problem of the row at once. The subject's ID
 * number must pass GB 11643 (check digit included); a disability level must be 1-4.
 */
export function checkExchangeRow(
  fields: readonly CategoryField[],
  raw: Readonly<Record<string, unknown>>,
  today: Date = new Date(),
): { ok: true; value: CheckedRow } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const values: Record<string, string | number | null> = {};
  let idNumber = '';
  let recordId: string | null = null;
  let occurredOn = '';
  let amountFen: number | null = null;
  let name: string | null = null;
  for (const field of fields) {
    const text = rawText(raw[field.key]);
    if (field.key === SUBJECT_FIELD) {
      const id = checkIdNumber(text, today);
      if (!id.ok) {
        const m = text === '' ? { zh: '身份证号必填', en: 'ID number is required' } : ID_PROBLEM_MESSAGES[id.problem];
        errors.push(err(SUBJECT_FIELD, m.zh, m.en));
      } else idNumber = id.value.idNumber;
      continue;
    }
    const v = checkField(field, text, errors);
    if (v === undefined) continue;
    if (field.key === RECORD_ID_FIELD) recordId = v as string | null;
    else if (field.key === OCCURRED_FIELD) occurredOn = (v as string | null) ?? '';
    else if (field.key === AMOUNT_FIELD) amountFen = v as number | null;
    else if (field.key === NAME_FIELD) name = v as string | null;
    else values[field.key] = v;
  }
  const level = values.disability_level;
  if (typeof level === 'number' && (level < 1 || level > 4)) {
    errors.push(err('disability_level', '残疾等级应为1-4级', 'disability level must be 1 to 4'));
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { idNumber, recordId, occurredOn, amountFen, values, name } };
}

/** An ID number or a mobile number typed into a free-text field (e.g. a remark) is masked all the same. */
export function scrubText(text: string): string {
  return text
    .replace(/(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g, (m) => maskValue(m, 'id_number'))
    .replace(/(?<![\d.])1[3-9]\d{9}(?!\d)/g, (m) => maskValue(m, 'phone'));
}

function maskKindOf(key: string): MaskKind {
  if (key.endsWith('id_number')) return 'id_number';
  if (key.includes('phone')) return 'phone';
  if (key.endsWith('_no') || key.includes('account')) return 'bank_account';
  if (key === NAME_FIELD) return 'name';
  return 'all';
}

/**
 * The stored form of a checked row: blind index instead of the ID number, sensitive values masked, money fields
 * as `<key>_fen`. The record key is the department's own record id when given, else a hash of the normalised row
 * (blind index, never the plain ID), so the same record sent twice is stored once.
 */
export function toStoredRecord(
  fields: readonly CategoryField[],
  row: CheckedRow,
  cipher: Pick<FieldCipher, 'blindIndex'>,
): StoredRecord {
  const subjectIndex = cipher.blindIndex(row.idNumber);
  const payload: Record<string, unknown> = { id_masked: maskValue(row.idNumber, 'id_number') };
  if (row.name) payload.name = maskValue(row.name, 'name');
  for (const field of fields) {
    if (!(field.key in row.values)) continue;
    const v = row.values[field.key];
    if (v === null) continue;
    if (field.type === 'money') payload[`${field.key}_fen`] = v;
    else if (field.sensitive && typeof v === 'string') payload[field.key] = maskValue(v, maskKindOf(field.key));
    else payload[field.key] = typeof v === 'string' && field.type === 'text' ? scrubText(v) : v;
  }
  // A department that keys its records by the person's ID number must not get it stored through the key.
  const recordKey = row.recordId
    ? /\d{17}[\dXx]/.test(row.recordId)
      ? `ik:${cipher.blindIndex(row.recordId).toString('hex')}`
      : `id:${row.recordId}`
    : `h:${createHash('sha256')
        .update(
          stableStringify({
            s: subjectIndex.toString('hex'),
            o: row.occurredOn,
            a: row.amountFen,
            // Plain values (before masking) so two records differing only in a sensitive field stay two records.
            v: Object.fromEntries(
              Object.entries(row.values).map(([k, v]) => [
                k,
                typeof v === 'string' && fields.find((x) => x.key === k)?.sensitive
                  ? cipher.blindIndex(v).toString('hex')
                  : v,
              ]),
            ),
          }),
        )
        .digest('hex')
        .slice(0, 40)}`;
  return { recordKey, subjectIndex, occurredOn: row.occurredOn, amountFen: row.amountFen, payload };
}
