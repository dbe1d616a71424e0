/**
 * GB 11643-1999 citizen identity numbers: 6-digit region + 8-digit birth date + 3-digit sequence
 * + ISO 7064 MOD 11-2 check character (0-9 or X). Odd sequence = male, even = female (GB/T 2261.1: 1 male, 2 female).
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export type IdNumberProblem = 'format' | 'birth_date' | 'check_digit';

export interface ParsedIdNumber {
  idNumber: string;
  regionCode: string;
  birthDate: string;
  /** GB/T 2261.1 sex code: '1' male, '2' female */
  sex: '1' | '2';
}

/** The ISO 7064 MOD 11-2 check character for the first 17 digits. */
export function computeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

function isValidDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** Checks an ID number; returns the problem, or the parsed parts. `today` bounds the birth date. */
export function checkIdNumber(
  raw: string,
  today: Date = new Date(),
): { ok: true; value: ParsedIdNumber } | { ok: false; problem: IdNumberProblem } {
  const id = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, problem: 'format' };
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = Date.UTC(y, m - 1, d);
  if (y < 1900 || !isValidDate(y, m, d) || birth > today.getTime()) return { ok: false, problem: 'birth_date' };
  if (computeCheckChar(id.slice(0, 17)) !== id[17]) return { ok: false, problem: 'check_digit' };
  const seq = Number(id.slice(14, 17));
  return {
    ok: true,
    value: {
      idNumber: id,
      regionCode: id.slice(0, 6),
      birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
      sex: seq % 2 === 1 ? '1' : '2',
    },
  };
}

/** Builds a valid ID number from its parts (used by the demo generator and tests). */
export function makeIdNumber(regionCode6: string, birthDate: string, sequence: number): string {
  const first17 = `${regionCode6}${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return first17 + computeCheckChar(first17);
}

export const ID_PROBLEM_MESSAGES: Record<IdNumberProblem, { zh: string; en: string }> = {
  format: {
    zh: '身份证号应为18位,前17位为数字,末位为数字或X',
    en: 'ID number must be 17 digits followed by a digit or X',
  },
  birth_date: { zh: '身份证号中的出生日期无效', en: 'the birth date inside the ID number is not a valid past date' },
  check_digit: { zh: '身份证号校验位错误', en: 'the ID number check digit is wrong' },
};
