import { describe, expect, it } from 'vitest';
import { stableStringify } from '../shared/stable-json.ts';
import { flatRowStringifier, memoisedBlindIndex } from './ingest.ts';

describe('flatRowStringifier', () => {
  it('writes the same text as stableStringify for flat rows, nested values and changing key sets', () => {
    const rows: Record<string, unknown>[] = [
      { z: '1', a: 2, m: null, b: true },
      { z: 'x"y', a: -0.5, m: 'é中', b: false },
      { a: 1, z: '2' },
      { z: undefined, a: 'only a' },
      { a: { nested: [1, { b: 2, a: 1 }] }, b: 'x' },
      { a: { nested: 1 }, b: 'y' },
      { a: [1, 2], b: 'z' },
      {},
      { 'key with "quote"': '\n', B: 1, a: 2, _: 3 },
      { n: Number.NaN, i: Number.POSITIVE_INFINITY },
    ];
    const canonical = flatRowStringifier();
    for (const row of rows) expect(canonical(row)).toBe(stableStringify(row));
  });
});

describe('memoisedBlindIndex', () => {
  it("returns the cipher's index, computing each distinct value once", () => {
    const calls: string[] = [];
    const cipher = { blindIndex: (v: string) => (calls.push(v), Buffer.from(`i:${v.trim().toUpperCase()}`)) };
    const memo = memoisedBlindIndex(cipher);
    const values = ['11010519491231002x', '110105194912310021', '11010519491231002x', ' 110105194912310021'];
    expect(values.map((v) => memo.blindIndex(v).toString())).toEqual(
      values.map((v) => cipher.blindIndex(v).toString()),
    );
    expect(calls.slice(0, 3)).toEqual(['11010519491231002x', '110105194912310021', ' 110105194912310021']);
  });
});
