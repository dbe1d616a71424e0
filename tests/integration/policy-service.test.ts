import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listLiveRowsForRegion } from '../../src/core/rules/policy.repository.ts';
import { classifyApplication } from '../../src/modules/assistance/rules/classify.ts';
import { householdOfThree, noAssets, wages } from '../../src/modules/assistance/rules/test-fixtures.ts';
import { createTestPlatform, ENGINES, type TestPlatform } from '../support/test-platform.ts';

const JINGZHU = '500156003204';

describe.each(ENGINES)('policy parameters in the database (%s)', (engine) => {
  let t: TestPlatform;

  beforeAll(async () => {
    t = await createTestPlatform(engine);
  }, 60_000);
  afterAll(async () => t?.close());

  it('defaults are seeded once: a second seeding inserts nothing', async () => {
    const { rows } = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM policy_parameter WHERE scheme = 'assistance'",
    );
    expect(rows[0].n).toBeGreaterThan(40);
    expect(await t.platform.policy.seedDefaults()).toBe(0);
  });

  it('武隆 village on 2025-07-01: urban 770, rural 630; 750/610 on 2025-06-30', async () => {
    const july = await t.platform.policy.resolveAssistance(t.db, JINGZHU, '2025-07-01');
    expect(july.values.dibaoStandardFen).toEqual({ urban: 77_000, rural: 63_000 });
    expect(july.values.disposableIncomePerCapitaAnnualFen).toBe(3_100_000);
    const june = await t.platform.policy.resolveAssistance(t.db, JINGZHU, '2025-06-30');
    expect(june.values.dibaoStandardFen).toEqual({ urban: 75_000, rural: 61_000 });
  });

  it('version ids are content-addressed snapshots citing the rows each key came from', async () => {
    const first = await t.platform.policy.assistanceVersions(t.db, JINGZHU);
    const again = await t.platform.policy.assistanceVersions(t.db, JINGZHU);
    expect(again.map((v) => v.id)).toEqual(first.map((v) => v.id));
    expect(first.map((v) => v.effectiveFrom)).toEqual(['2021-09-01', '2022-07-01', '2023-07-01', '2025-07-01']);
    // Another village of 武隆 cites the same rows, hence the same snapshots.
    const other = await t.platform.policy.assistanceVersions(t.db, '500156101202');
    expect(other.map((v) => v.id)).toEqual(first.map((v) => v.id));
    const snapshot = await t.platform.policy.findSnapshot(t.db, first[3].id);
    expect(snapshot?.regionCode).toBe('500156');
    expect(snapshot?.onDate).toBe('2025-07-01');
    const cited = snapshot?.citations.disposableIncomePerCapitaAnnualFen;
    const { rows } = await t.db.query<{ region_code: string; value: number }>(
      'SELECT region_code, value FROM policy_parameter WHERE id = $1',
      [cited?.rowId],
    );
    expect(rows[0]).toEqual({ region_code: '500156', value: 3_100_000 });
  });

  it('the rules take the versions unchanged: urban 3, 1,500/month → (770 − 423) × 3 = 1,041, citing the snapshot', async () => {
    const versions = await t.platform.policy.assistanceVersions(t.db, JINGZHU);
    const result = classifyApplication(
      {
        regionCode: JINGZHU,
        area: 'urban',
        persons: householdOfThree(),
        incomes: [wages('a', 150_000)],
        spending: [],
        assets: noAssets(),
      },
      { versions, decisionDate: '2025-07-15' },
    );
    expect(result.monthlyTotalFen).toBe(104_100);
    expect(result.benefitVersionId).toBe(versions[3].id);
  });

  it('a snapshot first written by a transaction that rolled back is not remembered: the next intake stores it again', async () => {
    const policy = t.platform.policy;
    const live = await listLiveRowsForRegion(t.db, 'assistance', JINGZHU);
    // a what-if row no one stored, so its versions are new snapshots
    const rows = [
      ...live,
      {
        id: 'what-if',
        key: 'dibaoStandardFen',
        regionCode: '500156',
        effectiveFrom: '2031-01-01',
        value: { urban: 99_900, rural: 88_800 },
      },
    ];
    const count = async () =>
      (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM policy_snapshot')).rows[0].n;
    const before = await count();
    await expect(
      t.db.transaction(async (tx) => {
        await policy.versionsFromRows(tx, rows, JINGZHU); // inserts the new snapshot
        await policy.versionsFromRows(tx, rows, JINGZHU); // reads it back, written by this transaction
        throw new Error('intake refused');
      }),
    ).rejects.toThrow('intake refused');
    expect(await count()).toBe(before);
    const versions = await policy.versionsFromRows(t.db, rows, JINGZHU);
    const last = versions[versions.length - 1];
    expect(last.effectiveFrom).toBe('2031-01-01');
    expect(await policy.findSnapshot(t.db, last.id)).toMatchObject({ onDate: '2031-01-01' });
    expect(await count()).toBe(before + 1);
    // committed now: remembered, so asking again reads nothing and gives the same id
    const again = await policy.versionsFromRows(t.db, rows, JINGZHU);
    expect(again.map((v) => v.id)).toEqual(versions.map((v) => v.id));
  });
});
