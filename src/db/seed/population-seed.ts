import { villagesOf } from '../../core/region/region-tree.ts';
import { generatePopulation } from '../../core/registry/demo-population.ts';
import { writePersonBatch } from '../../core/registry/person-bulk.ts';
import type { FieldCipher } from '../../core/shared/crypto.ts';
import type { Database } from '../database.ts';

export interface PopulationSeedOptions {
  /** One region code prefix, or several (e.g. two townships). */
  regionPrefix: string | readonly string[];
  persons: number;
  seed?: number;
  onProgress?: (done: number, total: number, stage: string) => void;
}

const csvText = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/**
 * A synthetic population for the region's real villages: persons through the same bulk writer as imports (so
 * encrypted and indexed the same way), then households and memberships by COPY.
 */
export async function seedPopulation(db: Database, cipher: FieldCipher, o: PopulationSeedOptions) {
  const prefixes = typeof o.regionPrefix === 'string' ? [o.regionPrefix] : o.regionPrefix;
  const villages = prefixes
    .flatMap((p) => villagesOf(p))
    .filter((v) => !v.name.includes('虚拟'))
    .map((v) => ({ code: v.code, name: v.name }));
  if (villages.length === 0) throw new Error(`no villages under region ${o.regionPrefix}`);
  o.onProgress?.(0, o.persons, 'generate');
  const pop = generatePopulation({ villages, persons: o.persons, seed: o.seed ?? 20260101 });
  const ids = pop.persons.map(() => crypto.randomUUID());
  const batch = 10_000;
  let inserted = 0;
  for (let i = 0; i < pop.persons.length; i += batch) {
    const slice = pop.persons.slice(i, i + batch);
    const r = await writePersonBatch(db, cipher, slice, ids.slice(i, i + batch));
    inserted += r.inserted;
    o.onProgress?.(Math.min(i + batch, pop.persons.length), pop.persons.length, 'persons');
  }
  const start = (await db.query<{ n: number }>("SELECT nextval('household_no_seq')::bigint AS n")).rows[0].n;
  const householdLines: string[] = [];
  const memberLines: string[] = [];
  const householdIds = pop.households.map(() => crypto.randomUUID());
  pop.households.forEach((h, k) => {
    const head = h.members[0];
    householdLines.push(
      [
        householdIds[k],
        `${h.regionCode.slice(0, 9)}${String(start + k).padStart(6, '0')}`,
        ids[head.personIndex],
        csvText(h.address),
        h.regionCode,
      ].join(','),
    );
    for (const m of h.members) {
      const birth = pop.persons[m.personIndex].birthDate;
      memberLines.push(
        [householdIds[k], ids[m.personIndex], m.relationCode, birth > '2010-01-01' ? birth : '2010-01-01'].join(','),
      );
    }
  });
  await db.copyFromCsv(
    'household',
    ['id', 'household_no', 'head_person_id', 'address', 'region_code'],
    `${householdLines.join('\n')}\n`,
  );
  o.onProgress?.(pop.persons.length, pop.persons.length, 'households');
  for (let i = 0; i < memberLines.length; i += 50_000) {
    await db.copyFromCsv(
      'household_member',
      ['household_id', 'person_id', 'relation_code', 'valid_from'],
      `${memberLines.slice(i, i + 50_000).join('\n')}\n`,
    );
  }
  await db.query("SELECT setval('household_no_seq', $1)", [start + pop.households.length]);
  await db.exec('ANALYZE person; ANALYZE household; ANALYZE household_member');
  return { persons: inserted, households: pop.households.length };
}
