import { describe, expect, it } from 'vitest';
import { maintenanceDue } from './embedded-maintenance.ts';

const table = (t: Partial<Parameters<typeof maintenanceDue>[0]>) => ({
  table: 't',
  reltuples: 10_000,
  deadTuples: 0,
  insertedSinceVacuum: 0,
  modifiedSinceAnalyze: 0,
  ...t,
});

describe('maintenanceDue: autovacuum’s default thresholds', () => {
  it('analyze once more than 50 + 10% of the rows changed: 1,050 at 10,000 rows is not enough, 1,051 is', () => {
    expect(maintenanceDue(table({ modifiedSinceAnalyze: 1_050 }))).toBeNull();
    expect(maintenanceDue(table({ modifiedSinceAnalyze: 1_051 }))).toBe('analyze');
  });

  it('vacuum once dead rows pass 50 + 20%: 2,050 at 10,000 is not enough, 2,051 is', () => {
    expect(maintenanceDue(table({ deadTuples: 2_050 }))).toBeNull();
    expect(maintenanceDue(table({ deadTuples: 2_051, modifiedSinceAnalyze: 5_000 }))).toBe('vacuum');
  });

  it('vacuum once inserts pass 1,000 + 20%: 3,000 at 10,000 is not enough, 3,001 is', () => {
    expect(maintenanceDue(table({ insertedSinceVacuum: 3_000 }))).toBeNull();
    expect(maintenanceDue(table({ insertedSinceVacuum: 3_001 }))).toBe('vacuum');
  });

  it('a table never analysed (reltuples −1) counts as empty: 51 changes are due', () => {
    expect(maintenanceDue(table({ reltuples: -1, modifiedSinceAnalyze: 50 }))).toBeNull();
    expect(maintenanceDue(table({ reltuples: -1, modifiedSinceAnalyze: 51 }))).toBe('analyze');
  });
});
