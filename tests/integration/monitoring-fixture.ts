/** Monitored households and department feeds for the monitoring tests (registry through the API, feeds through
 * the exchange's ingestRows, enrollments inserted as the assistance line would leave them). */
import { expect } from 'vitest';
import { ingestRows } from '../../src/core/exchange/ingest.ts';
import { makeIdNumber } from '../../src/core/registry/id-number.ts';
import { login, type TestPlatform } from '../support/test-platform.ts';

export const JZ = '500156003204'; // 荆竹村, 仙女山街道 (urban)
export const DS = '500156101202'; // 东升村, 白马镇 (rural)
export const TODAY = '2026-11-25';

type Res = { statusCode: number; body: string; json: () => unknown };

export interface Member {
  birthDate?: string;
  disabilityLevel?: number;
  deceasedOn?: string;
}

export interface Household {
  householdId: string;
  people: Array<{ id: string; idNumber: string }>;
  enrollmentId: string | null;
}

export function monitoringFixture(getT: () => TestPlatform, engine: string) {
  const cookies = new Map<string, string>();
  let seq = 100;
  let key = 0;
  const cookie = async (user: string) => {
    let c = cookies.get(user);
    if (!c) {
      c = await login(getT().app, user);
      cookies.set(user, c);
    }
    return c;
  };
  const call = async (user: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    (await getT().app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { cookie: await cookie(user), 'idempotency-key': `m-${engine}-${++key}` },
      payload: payload as Record<string, unknown>,
    })) as unknown as Res;
  const ok = <T>(r: Res, status = 200): T => {
    expect(r.statusCode, r.body).toBe(status);
    return r.json() as T;
  };

  /** A household in the village registered by the clerk; enrolled in `programme` unless null. */
  async function household(
    clerk: string,
    village: string,
    members: Member[],
    programme: string | null = 'minimumLivingAllowance',
  ): Promise<Household> {
    const people: Household['people'] = [];
    for (const m of members) {
      seq++;
      const idNumber = makeIdNumber('500156', m.birthDate ?? '1980-04-02', seq);
      const p = ok<{ id: string }>(
        await call(clerk, 'POST', '/persons', {
          idNumber,
          name: `冉监${seq}`,
          regionCode: village,
          ...(m.disabilityLevel ? { disabilityLevel: m.disabilityLevel, disabilityCategory: '4' } : {}),
        }),
        201,
      );
      people.push({ id: p.id, idNumber });
    }
    const h = ok<{ id: string }>(
      await call(clerk, 'POST', '/households', {
        address: `村${seq}号`,
        regionCode: village,
        headPersonId: people[0].id,
      }),
      201,
    );
    for (const p of people.slice(1)) {
      ok(
        await call(clerk, 'POST', `/households/${h.id}/members`, {
          personId: p.id,
          relationCode: '20',
          validFrom: '2020-01-01',
        }),
      );
    }
    for (const [i, m] of members.entries()) {
      if (m.deceasedOn) {
        await getT().db.query('UPDATE person SET deceased_on = $2 WHERE id = $1', [people[i].id, m.deceasedOn]);
      }
    }
    let enrollmentId: string | null = null;
    if (programme) {
      const { rows } = await getT().db.query<{ id: string }>(
        `INSERT INTO assistance_enrollment (household_id, region_code, area, programme, status, members, amount_fen,
           start_month, basis)
         VALUES ($1, $2, $3, $4, 'active', $5, 45_000, '2026-01-01', $6) RETURNING id`.replace('45_000', '45000'),
        [
          h.id,
          village,
          village.slice(6, 9) < '100' ? 'urban' : 'rural',
          programme,
          members.length,
          JSON.stringify({ memberIds: people.map((p) => p.id) }),
        ],
      );
      enrollmentId = rows[0].id;
    }
    return { householdId: h.id, people, enrollmentId };
  }

  /** One department batch through the exchange, then every pending event delivered (the monitoring subscriber). */
  async function feed(category: string, rows: Record<string, unknown>[]) {
    const t = getT();
    const result = await ingestRows(t.db, t.platform.cipher, category, rows, {
      source: 'simulator',
      createdBy: 'test',
    });
    for (let n = await t.platform.events.dispatchPending(); n > 0; n = await t.platform.events.dispatchPending()) {
      /* deliver until the outbox is empty (a death's events chain: warning → registry → enrollment) */
    }
    return result;
  }

  async function warningsOf(filter: { personId?: string; householdId?: string; ruleCode?: string }) {
    const { rows } = await getT().db.query<{
      id: string;
      rule_code: string;
      dedup_key: string;
      region_code: string;
      assignee_id: string | null;
      evidence: Record<string, unknown>;
      due_on: string;
      kind: string;
    }>(
      `SELECT id, rule_code, dedup_key, region_code, assignee_id, evidence, to_char(due_on, 'YYYY-MM-DD') AS due_on, kind
       FROM monitoring_warning
       WHERE ($1::uuid IS NULL OR person_id = $1::uuid) AND ($2::uuid IS NULL OR household_id = $2::uuid)
         AND ($3::text IS NULL OR rule_code = $3) ORDER BY created_at, id`,
      [filter.personId ?? null, filter.householdId ?? null, filter.ruleCode ?? null],
    );
    return rows;
  }

  return { call, ok, household, feed, warningsOf };
}
