/** The demo population as `huimin import` persons CSV. */

import type { DemoPerson } from './types.ts';

/** Header of the `huimin import persons.csv` format. */
export const PERSONS_CSV_HEADER =
  'id_number,name,sex,birth_date,ethnicity,phone,hukou_region_code,region_code,disability_category,' +
  'disability_level,health_status,labour_capacity,employment_status,monthly_income_fen';

const NEEDS_QUOTES = /[",\r\n]/;

function csvField(value: string | null): string {
  if (value === null) return '';
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** CSV in the import format: RFC 4180 quoting, LF line ends, trailing newline; null fields are empty. */
export function toPersonsCsv(persons: readonly DemoPerson[]): string {
  // Rows are joined in blocks so each short-lived row string dies young instead of a million of them being promoted
  // to the old generation before one final join (that made the GC, not the formatting, the bottleneck).
  const blocks: string[] = [PERSONS_CSV_HEADER];
  let lines: string[] = [];
  for (const p of persons) {
    if (lines.length === 4096) {
      blocks.push(lines.join('\n'));
      lines = [];
    }
    lines.push(
      `${csvField(p.idNumber)},${csvField(p.name)},${p.sex},${csvField(p.birthDate)},${csvField(p.ethnicity)},` +
        `${csvField(p.phone)},${csvField(p.hukouRegionCode)},${csvField(p.regionCode)},` +
        `${csvField(p.disabilityCategory)},${p.disabilityLevel ?? ''},${p.healthStatus},${p.labourCapacity},` +
        `${p.employmentStatus},${p.monthlyIncomeFen}`,
    );
  }
  if (lines.length > 0) blocks.push(lines.join('\n'));
  return `${blocks.join('\n')}\n`;
}
