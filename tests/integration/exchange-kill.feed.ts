import { CATEGORIES } from '../../src/core/exchange/catalogue.ts';
import { simulateRows } from '../../src/core/exchange/simulator.ts';
import { makeIdNumber } from '../../src/core/registry/id-number.ts';

/** The same bank deposit feed in the killed child and in the test that resumes it. */
export function killFeed(count: number): Record<string, string>[] {
  const fields = CATEGORIES.find((c) => c.code === 'bank_deposit')?.fields ?? [];
  const subjects = Array.from({ length: 500 }, (_, i) => makeIdNumber('500156', '1972-03-04', i + 1));
  return simulateRows('bank_deposit', fields, subjects, count, { seed: 99, asOf: '2026-11-01' });
}
