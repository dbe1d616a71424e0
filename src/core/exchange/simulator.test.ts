import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../registry/id-number.ts';
import { CATEGORIES } from './catalogue.ts';
import { checkExchangeRow } from './exchange-row.ts';
import { simulateRows } from './simulator.ts';

const subjects = [makeIdNumber('500156', '1950-01-02', 11), makeIdNumber('500156', '1988-07-09', 12)];

describe('exchange simulator', () => {
  it('is deterministic: the same seed gives the same rows, another seed other rows', () => {
    const fields = CATEGORIES[0].fields;
    const a = simulateRows(CATEGORIES[0].code, fields, subjects, 50, { seed: 7 });
    expect(simulateRows(CATEGORIES[0].code, fields, subjects, 50, { seed: 7 })).toEqual(a);
    expect(simulateRows(CATEGORIES[0].code, fields, subjects, 50, { seed: 8 })).not.toEqual(a);
  });

  it('every simulated row of all 36 categories passes the category check', () => {
    const today = new Date('2026-11-25T00:00:00Z');
    for (const c of CATEGORIES) {
      for (const row of simulateRows(c.code, c.fields, subjects, 40, { seed: 3, asOf: '2026-11-01' })) {
        const r = checkExchangeRow(c.fields, row, today);
        expect(r.ok ? [] : r.errors, c.code).toEqual([]);
      }
    }
  });
});
