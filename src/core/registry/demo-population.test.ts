import { describe, expect, it } from 'vitest';
import {
  createIdAllocator,
  createRng,
  type DemoPerson,
  generatePopulation,
  HEAD_RELATION_CODE,
  PERSONS_CSV_HEADER,
  RELATION_CODES,
  toPersonsCsv,
  weightedTable,
} from './demo-population.ts';
import { checkIdNumber } from './id-number.ts';

// Made-up villages (the region module is separate); codes only need the 武隆 district prefix and 12 digits.
const VILLAGES = [
  { code: '500156003001', name: '仙女山社区' },
  { code: '500156003201', name: '石梁子村' },
  { code: '500156108202', name: '双河村' },
];
const TODAY = '2025-06-01';
const TODAY_DATE = new Date(`${TODAY}T00:00:00Z`);
const DAY_MS = 86_400_000;

function yearsBetween(earlier: string, later: string): number {
  return (Date.parse(later) - Date.parse(earlier)) / DAY_MS / 365.2425;
}

/** Completed years on TODAY, the way ages are counted for eligibility. */
function ageOf(p: DemoPerson): number {
  const years = Number(TODAY.slice(0, 4)) - Number(p.birthDate.slice(0, 4));
  return p.birthDate.slice(5) > TODAY.slice(5) ? years - 1 : years;
}

// One shared mid-sized population keeps the suite fast; the 200k run is only for ID uniqueness/validity.
const population = generatePopulation({ villages: VILLAGES, persons: 30_000, seed: 42, today: TODAY });

describe('createRng', () => {
  it('is deterministic per seed and differs between seeds', () => {
    const a = createRng(5);
    const b = createRng(5);
    const c = createRng(6);
    const seqA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(seqA);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('int is inclusive on both ends, pick covers all items, chance honours 0 and 1', () => {
    const rng = createRng(1);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const v = rng.int(3, 7);
      expect(v).toBeGreaterThanOrEqual(3);
      expect(v).toBeLessThanOrEqual(7);
      seen.add(v);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
    const picked = new Set(Array.from({ length: 200 }, () => rng.pick(['a', 'b', 'c'])));
    expect(picked.size).toBe(3);
    expect(Array.from({ length: 100 }, () => rng.chance(0)).some(Boolean)).toBe(false);
    expect(Array.from({ length: 100 }, () => rng.chance(1)).every(Boolean)).toBe(true);
  });

  it('weighted follows the weights and never yields zero-weight items', () => {
    const rng = createRng(9);
    const table = weightedTable(['never', 'rare', 'common', 'never2'], [0, 1, 3, 0]);
    const counts = new Map<string, number>();
    for (let i = 0; i < 40_000; i++) {
      const v = rng.weighted(table);
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    expect(counts.has('never')).toBe(false);
    expect(counts.has('never2')).toBe(false);
    expect((counts.get('common') ?? 0) / 40_000).toBeCloseTo(0.75, 1);
    expect(() => weightedTable(['a'], [0])).toThrow(RangeError);
    expect(() => weightedTable(['a', 'b'], [1])).toThrow(RangeError);
  });
});

describe('generatePopulation', () => {
  it('is deterministic for the same seed and today, and varies with the seed', () => {
    const options = { villages: VILLAGES, persons: 3000, seed: 7, today: TODAY };
    const first = generatePopulation(options);
    expect(generatePopulation(options)).toEqual(first);
    const other = generatePopulation({ ...options, seed: 8 });
    expect(other.persons.map((p) => p.idNumber)).not.toEqual(first.persons.map((p) => p.idNumber));
  });

  it('produces exactly the requested number of people, each in exactly one household', () => {
    for (const n of [0, 1, 2, 7, 1001]) {
      const { persons, households } = generatePopulation({ villages: VILLAGES, persons: n, seed: n, today: TODAY });
      expect(persons).toHaveLength(n);
      const indexes = households.flatMap((h) => h.members.map((m) => m.personIndex)).sort((x, y) => x - y);
      expect(indexes).toEqual(Array.from({ length: n }, (_, i) => i));
    }
  });

  it('gives 200,000 people valid, unique ID numbers whose sex, birth date and region match the fields', () => {
    const { persons } = generatePopulation({ villages: VILLAGES.slice(0, 1), persons: 200_000, seed: 3, today: TODAY });
    const ids = new Set<string>();
    let bad = 0;
    for (const p of persons) {
      ids.add(p.idNumber);
      const checked = checkIdNumber(p.idNumber, TODAY_DATE);
      if (
        !checked.ok ||
        checked.value.sex !== p.sex ||
        checked.value.birthDate !== p.birthDate ||
        checked.value.regionCode !== p.hukouRegionCode
      ) {
        bad++;
      }
    }
    expect(bad).toBe(0);
    expect(ids.size).toBe(persons.length);
  });

  it('has exactly one head per household, listed first, and only known relation codes', () => {
    const problems: string[] = [];
    for (const h of population.households) {
      const heads = h.members.filter((m) => m.relationCode === HEAD_RELATION_CODE).length;
      if (heads !== 1 || h.members[0].relationCode !== HEAD_RELATION_CODE) problems.push(`${h.householdNo} heads`);
      for (const m of h.members) if (!RELATION_CODES[m.relationCode]) problems.push(`${h.householdNo} code`);
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('keeps sexes and ages consistent with the relation to the head', () => {
    const sexOf: Record<string, '1' | '2'> = {
      '20': '1',
      '28': '1',
      '41': '1',
      '43': '1',
      '51': '1',
      '30': '2',
      '38': '2',
      '42': '2',
      '44': '2',
      '52': '2',
    };
    // [min, max] of (head's age - member's age) in years; the generator aims inside these with a year's slack.
    const gap: Record<string, [number, number]> = {
      '10': [-12, 12],
      '20': [19, 41],
      '30': [19, 41],
      '28': [10, 60],
      '38': [10, 60],
      '41': [39, 81],
      '42': [39, 81],
      '43': [39, 81],
      '44': [39, 81],
      '51': [-41, -19],
      '52': [-41, -19],
      '70': [-13, 13],
    };
    const problems: string[] = [];
    for (const h of population.households) {
      const head = population.persons[h.members[0].personIndex];
      for (const m of h.members.slice(1)) {
        const p = population.persons[m.personIndex];
        const diff = yearsBetween(head.birthDate, TODAY) - yearsBetween(p.birthDate, TODAY);
        const range = gap[m.relationCode];
        if (range === undefined) problems.push(`unexpected relation ${m.relationCode}`);
        else if (diff < range[0] || diff > range[1]) problems.push(`${h.householdNo} ${m.relationCode} gap ${diff}`);
        if (m.relationCode === '10' && p.sex === head.sex) problems.push(`${h.householdNo} same-sex spouse`);
        const expected = sexOf[m.relationCode];
        if (expected !== undefined && p.sex !== expected) problems.push(`${h.householdNo} ${m.relationCode} sex`);
      }
      // Brothers and sisters are born more than a year apart (no twins are generated).
      const children = h.members
        .filter((m) => ['20', '30'].includes(m.relationCode))
        .map((m) => population.persons[m.personIndex].birthDate)
        .sort();
      for (let i = 1; i < children.length; i++) {
        if (yearsBetween(children[i - 1], children[i]) < 1) problems.push(`${h.householdNo} siblings too close`);
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('has realistic rural household sizes, including elderly living alone and left-behind grandchildren', () => {
    const sizes = population.households.map((h) => h.members.length);
    expect(Math.min(...sizes)).toBe(1);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(6);
    const mean = population.persons.length / population.households.length;
    expect(mean).toBeGreaterThan(2.5);
    expect(mean).toBeLessThan(3.1);
    const elderAlone = population.households.filter(
      (h) => h.members.length === 1 && ageOf(population.persons[h.members[0].personIndex]) >= 60,
    );
    expect(elderAlone.length / population.households.length).toBeGreaterThan(0.08);
    const skipped = population.households.filter(
      (h) =>
        h.members.some((m) => m.relationCode === '41' || m.relationCode === '42') &&
        !h.members.some((m) => ['20', '30', '38', '28'].includes(m.relationCode)),
    );
    expect(skipped.length / population.households.length).toBeGreaterThan(0.04);
  });

  it('gives households unique numbers and plausible addresses in their village', () => {
    const names = new Map(VILLAGES.map((v) => [v.code, v.name]));
    expect(new Set(population.households.map((h) => h.householdNo)).size).toBe(population.households.length);
    expect(new Set(population.households.map((h) => h.address)).size).toBe(population.households.length);
    const problems: string[] = [];
    for (const h of population.households) {
      if (!h.householdNo.startsWith(h.regionCode)) problems.push(`${h.householdNo} number`);
      if (!new RegExp(`^${names.get(h.regionCode)}\\d{1,2}组\\d+号$`).test(h.address)) problems.push(h.address);
      for (const m of h.members) {
        if (population.persons[m.personIndex].regionCode !== h.regionCode) problems.push(`${h.householdNo} region`);
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('has ~6-7% disability certificates skewed to levels 3-4, ~2% major disease', () => {
    const persons = population.persons;
    const disabled = persons.filter((p) => p.disabilityCategory !== null);
    expect(disabled.length / persons.length).toBeGreaterThan(0.05);
    expect(disabled.length / persons.length).toBeLessThan(0.085);
    expect(persons.every((p) => (p.disabilityCategory === null) === (p.disabilityLevel === null))).toBe(true);
    expect(disabled.every((p) => /^[1-7]$/.test(p.disabilityCategory ?? ''))).toBe(true);
    const mild = disabled.filter((p) => (p.disabilityLevel ?? 0) >= 3).length;
    expect(mild / disabled.length).toBeGreaterThan(0.6);
    const major = persons.filter((p) => p.healthStatus === 'major_disease').length / persons.length;
    expect(major).toBeGreaterThan(0.01);
    expect(major).toBeLessThan(0.03);
  });

  it('has plausible names, ethnicities, phones, hukou, employment and incomes', () => {
    const persons = population.persons;
    const villageDistricts = new Set(VILLAGES.map((v) => v.code.slice(0, 6)));
    let localHukou = 0;
    let han = 0;
    const problems: string[] = [];
    const flag = (p: DemoPerson, what: string) => problems.push(`${p.name} ${p.birthDate} ${what}`);
    for (const p of persons) {
      const age = ageOf(p);
      if (!/^\p{Script=Han}{2,3}$/u.test(p.name)) flag(p, 'name');
      if (!['01', '15', '06', '37'].includes(p.ethnicity)) flag(p, 'ethnicity');
      if (p.ethnicity === '01') han++;
      if (p.phone !== null && !/^1(3\d|5[0-35-9]|8\d|9[1356-9])\d{8}$/.test(p.phone)) flag(p, `phone ${p.phone}`);
      if (age < 14 && p.phone !== null) flag(p, 'child with phone');
      if (!/^50\d{4}$/.test(p.hukouRegionCode)) flag(p, 'hukou');
      if (villageDistricts.has(p.hukouRegionCode)) localHukou++;
      if (!Number.isInteger(p.monthlyIncomeFen) || p.monthlyIncomeFen < 0) flag(p, 'income');
      if (age < 16) {
        if (p.labourCapacity !== 'none') flag(p, 'child labour');
        if (p.monthlyIncomeFen !== 0) flag(p, 'child income');
        if (p.employmentStatus !== (age < 6 ? 'preschool' : 'student')) flag(p, `child ${p.employmentStatus}`);
      }
      const income = p.monthlyIncomeFen;
      if (p.employmentStatus === 'farming' && (income < 80_000 || income > 250_000)) flag(p, `farming ${income}`);
      if (p.employmentStatus === 'employed' && (income < 250_000 || income > 600_000)) flag(p, `employed ${income}`);
    }
    expect(problems.slice(0, 10)).toEqual([]);
    expect(localHukou / persons.length).toBeGreaterThan(0.9);
    expect(han / persons.length).toBeGreaterThan(0.75);
    expect(han / persons.length).toBeLessThan(0.95);
    const surnames = new Map<string, number>();
    for (const p of persons) surnames.set(p.name[0], (surnames.get(p.name[0]) ?? 0) + 1);
    const ranked = [...surnames].sort((a, b) => b[1] - a[1]).map(([s]) => s);
    expect(ranked.slice(0, 8)).toEqual(expect.arrayContaining(['李', '张', '刘', '陈', '王']));
    // Local Tujia-area surnames are common here, unlike nationally.
    expect(ranked.indexOf('向')).toBeLessThan(25);
    expect(ranked.indexOf('冉')).toBeLessThan(30);
  });

  it('gives children their father’s surname in nuclear families with a male head', () => {
    let checked = 0;
    let same = 0;
    for (const h of population.households) {
      const head = population.persons[h.members[0].personIndex];
      if (head.sex !== '1') continue;
      for (const m of h.members) {
        if (m.relationCode !== '20' && m.relationCode !== '30') continue;
        checked++;
        if (population.persons[m.personIndex].name[0] === head.name[0]) same++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
    expect(same / checked).toBeGreaterThan(0.95);
  });

  it('rejects bad input', () => {
    expect(() => generatePopulation({ villages: [], persons: 1, today: TODAY })).toThrow(RangeError);
    expect(() => generatePopulation({ villages: VILLAGES, persons: -1, today: TODAY })).toThrow(RangeError);
    expect(() => generatePopulation({ villages: VILLAGES, persons: 1, today: '2025-02-30' })).toThrow(RangeError);
    expect(() => generatePopulation({ villages: [{ code: '500156', name: 'x' }], persons: 1, today: TODAY })).toThrow(
      RangeError,
    );
  });
});

describe('createIdAllocator', () => {
  it('moves to the previous day once a date runs out of sequences, never reusing an ID', () => {
    const allocator = createIdAllocator();
    const males = Array.from({ length: 600 }, () => allocator.allocate('500156', '1980-03-01', '1'));
    const females = Array.from({ length: 500 }, () => allocator.allocate('500156', '1980-03-01', '2'));
    expect(new Set([...males, ...females]).size).toBe(1100);
    const dates = (ids: string[]) => ids.map((id) => id.slice(6, 14));
    expect(dates(males).filter((d) => d === '19800301')).toHaveLength(500);
    expect(dates(males).filter((d) => d === '19800229')).toHaveLength(100);
    expect(dates(females).filter((d) => d === '19800301')).toHaveLength(499);
    expect(dates(females).filter((d) => d === '19800229')).toHaveLength(1);
    for (const id of males) expect(checkIdNumber(id)).toMatchObject({ ok: true, value: { sex: '1' } });
    for (const id of females) expect(checkIdNumber(id)).toMatchObject({ ok: true, value: { sex: '2' } });
    // Other regions have their own sequences.
    expect(allocator.allocate('500102', '1980-03-01', '1').slice(6, 14)).toBe('19800301');
  });
});

describe('toPersonsCsv', () => {
  it('writes the import header and one row per person', () => {
    const persons = population.persons.slice(0, 500);
    const lines = toPersonsCsv(persons).split('\n');
    expect(lines[0]).toBe(PERSONS_CSV_HEADER);
    expect(PERSONS_CSV_HEADER).toBe(
      'id_number,name,sex,birth_date,ethnicity,phone,hukou_region_code,region_code,disability_category,' +
        'disability_level,health_status,labour_capacity,employment_status,monthly_income_fen',
    );
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(persons.length + 2);
    const p = persons[0];
    expect(lines[1].split(',')).toEqual([
      p.idNumber,
      p.name,
      p.sex,
      p.birthDate,
      p.ethnicity,
      p.phone ?? '',
      p.hukouRegionCode,
      p.regionCode,
      p.disabilityCategory ?? '',
      String(p.disabilityLevel ?? ''),
      p.healthStatus,
      p.labourCapacity,
      p.employmentStatus,
      String(p.monthlyIncomeFen),
    ]);
  });

  it('quotes fields containing commas, quotes or line breaks', () => {
    const p: DemoPerson = { ...population.persons[0], name: '王"小",二\n' };
    const row = toPersonsCsv([p]).split('\n').slice(1).join('\n');
    expect(row.startsWith(`${p.idNumber},"王""小"",二\n",`)).toBe(true);
  });

  it('handles more rows than one internal block', () => {
    const csv = toPersonsCsv(population.persons.slice(0, 10_000));
    expect(csv.split('\n')).toHaveLength(10_002);
  });
});
