import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../src/core/registry/id-number.ts';
import { createTestPlatform, ENGINES, login, type TestPlatform } from '../support/test-platform.ts';

/**
 * Data scopes across two townships of 武隆区: 仙女山街道 (500156003) and 白马镇 (500156101). Records outside the
 * caller's jurisdiction must be indistinguishable from records that do not exist, in every read path.
 */

const JZ = '500156003204'; // 荆竹村, 仙女山街道
const BG = '500156003202'; // 白果村, 仙女山街道
const DS = '500156101202'; // 东升村, 白马镇
const BQ = '500156101201'; // 板桥村, 白马镇

const USERS = ['xns_clerk', 'xns_reviewer', 'bm_clerk', 'bm_reviewer', 'jz_coord', 'ds_coord', 'wl_approver'] as const;
type User = (typeof USERS)[number];
const SCOPE: Record<User, string> = {
  xns_clerk: '500156003',
  xns_reviewer: '500156003',
  bm_clerk: '500156101',
  bm_reviewer: '500156101',
  jz_coord: JZ,
  ds_coord: DS,
  wl_approver: '500156',
};

interface PersonOut {
  id: string;
  name: string;
  regionCode: string;
  idNumberMasked: string;
}
interface HouseholdOut {
  id: string;
  regionCode: string;
  members: Array<{ personId: string }>;
}
interface HouseholdItem {
  id: string;
  regionCode: string;
}
interface Page<T> {
  total: number;
  items: T[];
}
interface TaskItem {
  id: string;
  regionCode: string;
}
interface CaseOut {
  id: string;
  state: string;
  version: number;
  actions: Array<{ code: string }>;
}
interface RegionNodeOut {
  code: string;
}
interface ErrorBody {
  code: string;
  message_zh: string;
  message_en: string;
  fields: unknown[];
}

describe.each(ENGINES)('registry data scopes on %s', (engine) => {
  let t: TestPlatform;
  let app: FastifyInstance;
  const cookies = {} as Record<User, string>;
  let seq = 0;

  const call = (user: User, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    app.inject({ method, url: `/api/v1${url}`, headers: { cookie: cookies[user] }, payload });

  const ok = <T>(res: LightMyRequestResponse, status = 200): T => {
    expect(res.statusCode, res.body).toBe(status);
    return res.json<T>();
  };

  /** A new person (valid GB 11643 ID, unique per call) created by `user`. */
  const newPerson = async (user: User, regionCode: string, name: string) => {
    seq += 1;
    const idNumber = makeIdNumber('500156', `${1940 + Math.floor(seq / 900)}-03-1${seq % 9}`, seq % 900);
    const p = ok<PersonOut>(await call(user, 'POST', '/persons', { idNumber, name, regionCode }), 201);
    return { ...p, idNumber };
  };

  const newHousehold = async (user: User, regionCode: string, headPersonId: string) =>
    ok<HouseholdOut>(
      await call(user, 'POST', '/households', { address: `测试地址${regionCode}`, regionCode, headPersonId }),
      201,
    );

  // 仙女山街道: two persons in one 荆竹村 household, one more in 白果村; 白马镇 the same in 东升村 and 板桥村.
  let xnsHead: PersonOut & { idNumber: string };
  let xnsMember: PersonOut & { idNumber: string };
  let xnsOther: PersonOut & { idNumber: string };
  let bmHead: PersonOut & { idNumber: string };
  let xnsHousehold: HouseholdOut;
  let xnsOtherHousehold: HouseholdOut;
  let bmHousehold: HouseholdOut;
  let xnsCase: CaseOut;
  let bmCase: CaseOut;
  const XNS_NAMES = ['仙甲荆竹', '仙乙荆竹', '仙丙白果'];
  const BM_NAMES = ['马甲东升', '马乙东升', '马丙板桥'];

  beforeAll(async () => {
    t = await createTestPlatform(engine);
    app = t.app;
    for (const u of USERS) cookies[u] = await login(app, u);

    xnsHead = await newPerson('xns_clerk', JZ, XNS_NAMES[0]);
    xnsMember = await newPerson('xns_clerk', JZ, XNS_NAMES[1]);
    xnsOther = await newPerson('xns_clerk', BG, XNS_NAMES[2]);
    xnsHousehold = await newHousehold('xns_clerk', JZ, xnsHead.id);
    ok(
      await call('xns_clerk', 'POST', `/households/${xnsHousehold.id}/members`, {
        personId: xnsMember.id,
        relationCode: '10',
        validFrom: '2024-01-01',
      }),
    );
    xnsOtherHousehold = await newHousehold('xns_clerk', BG, xnsOther.id);

    bmHead = await newPerson('bm_clerk', DS, BM_NAMES[0]);
    const bmMember = await newPerson('bm_clerk', DS, BM_NAMES[1]);
    const bmOther = await newPerson('bm_clerk', BQ, BM_NAMES[2]);
    bmHousehold = await newHousehold('bm_clerk', DS, bmHead.id);
    ok(
      await call('bm_clerk', 'POST', `/households/${bmHousehold.id}/members`, {
        personId: bmMember.id,
        relationCode: '10',
        validFrom: '2024-01-01',
      }),
    );
    await newHousehold('bm_clerk', BQ, bmOther.id);

    const openCase = async (user: User, regionCode: string, householdId: string) =>
      ok<CaseOut>(
        await call(user, 'POST', '/cases', {
          workflow: 'registry.household_change',
          regionCode,
          title: '家庭住址变更',
          subjectType: 'household',
          subjectId: householdId,
          data: { householdId, newAddress: '新地址 1 号' },
        }),
        201,
      );
    xnsCase = await openCase('xns_clerk', JZ, xnsHousehold.id);
    bmCase = await openCase('bm_clerk', DS, bmHousehold.id);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('bm_clerk GET of a 仙女山 household and person → 404 with the very same body as a random non-existent uuid', async () => {
    const missingHousehold = await call('bm_clerk', 'GET', `/households/${randomUUID()}`);
    const foreignHousehold = await call('bm_clerk', 'GET', `/households/${xnsHousehold.id}`);
    expect(missingHousehold.statusCode).toBe(404);
    expect(foreignHousehold.statusCode).toBe(404);
    expect(foreignHousehold.json<ErrorBody>()).toEqual(missingHousehold.json<ErrorBody>());
    expect(foreignHousehold.body).toBe(missingHousehold.body);

    const missingPerson = await call('bm_clerk', 'GET', `/persons/${randomUUID()}`);
    for (const p of [xnsHead, xnsMember, xnsOther]) {
      const foreign = await call('bm_clerk', 'GET', `/persons/${p.id}`);
      expect(foreign.statusCode).toBe(404);
      expect(foreign.body).toBe(missingPerson.body);
    }
    expect(missingPerson.json<ErrorBody>().code).toBe('not_found');
    // the owner township reads the same records
    ok(await call('xns_clerk', 'GET', `/households/${xnsHousehold.id}`));
    ok(await call('xns_clerk', 'GET', `/persons/${xnsHead.id}`));
  });

  it('bm_clerk reveal / patch / add-member on 仙女山 records → 404 like a missing id, and nothing is revealed or changed', async () => {
    const reveal = await call('bm_clerk', 'POST', `/persons/${xnsHead.id}/reveal`, { reason: '核对身份信息' });
    const revealMissing = await call('bm_clerk', 'POST', `/persons/${randomUUID()}/reveal`, { reason: '核对身份信息' });
    expect(reveal.statusCode).toBe(404);
    expect(reveal.body).toBe(revealMissing.body);
    expect(reveal.body).not.toContain(xnsHead.idNumber);

    const patch = await call('bm_clerk', 'PATCH', `/persons/${xnsHead.id}`, { version: 1, name: '被改名' });
    expect(patch.statusCode).toBe(404);
    const join = await call('bm_clerk', 'POST', `/households/${xnsHousehold.id}/members`, {
      personId: bmHead.id,
      relationCode: '20',
      validFrom: '2025-01-01',
    });
    expect(join.statusCode).toBe(404);

    const still = ok<PersonOut & { version: number }>(await call('xns_clerk', 'GET', `/persons/${xnsHead.id}`));
    expect(still.name).toBe(XNS_NAMES[0]);
    expect(still.version).toBe(1);
    const hh = ok<HouseholdOut>(await call('xns_clerk', 'GET', `/households/${xnsHousehold.id}`));
    expect(hh.members.map((m) => m.personId).sort()).toEqual([xnsHead.id, xnsMember.id].sort());
    // the owner township may reveal (positive control for the 404 above)
    const own = ok<{ idNumber: string }>(
      await call('xns_clerk', 'POST', `/persons/${xnsHead.id}/reveal`, { reason: '核对身份信息' }),
    );
    expect(own.idNumber).toBe(xnsHead.idNumber);
  });

  it('bm_clerk lists: /persons total 3 and /households total 2, all in 500156101 (仙女山 has 3 and 2 of its own)', async () => {
    const persons = ok<Page<PersonOut>>(await call('bm_clerk', 'GET', '/persons?pageSize=200'));
    expect(persons.total).toBe(3);
    expect(persons.items).toHaveLength(3);
    expect(persons.items.every((p) => p.regionCode.startsWith('500156101'))).toBe(true);
    expect(persons.items.map((p) => p.name).sort()).toEqual([...BM_NAMES].sort());

    const households = ok<Page<HouseholdItem>>(await call('bm_clerk', 'GET', '/households?pageSize=200'));
    expect(households.total).toBe(2);
    expect(households.items.every((h) => h.regionCode.startsWith('500156101'))).toBe(true);
    expect(households.items.map((h) => h.id)).not.toContain(xnsHousehold.id);

    const xns = ok<Page<PersonOut>>(await call('xns_clerk', 'GET', '/persons?pageSize=200'));
    expect(xns.total).toBe(3);
    expect(xns.items.map((p) => p.name).sort()).toEqual([...XNS_NAMES].sort());
    expect(ok<Page<HouseholdItem>>(await call('xns_clerk', 'GET', '/households')).total).toBe(2);
    // name search for another township's person finds nothing
    expect(ok<Page<PersonOut>>(await call('bm_clerk', 'GET', `/persons?q=${encodeURIComponent('仙甲')}`)).total).toBe(
      0,
    );
  });

  it('bm_clerk filtering regionCode=500156003204 (another township) → total 0 for persons and households; xns_clerk → 2 and 1', async () => {
    for (const path of ['/persons', '/households']) {
      const r = ok<Page<unknown>>(await call('bm_clerk', 'GET', `${path}?regionCode=${JZ}`));
      expect(r.total).toBe(0);
      expect(r.items).toEqual([]);
      const township = ok<Page<unknown>>(await call('bm_clerk', 'GET', `${path}?regionCode=500156003`));
      expect(township.total).toBe(0);
    }
    expect(ok<Page<unknown>>(await call('xns_clerk', 'GET', `/persons?regionCode=${JZ}`)).total).toBe(2);
    expect(ok<Page<unknown>>(await call('xns_clerk', 'GET', `/households?regionCode=${JZ}`)).total).toBe(1);
  });

  it('bm_clerk guessing by exact ID number (idNumber=<仙女山 ID>) → total 0; xns_clerk → total 1', async () => {
    for (const p of [xnsHead, xnsMember, xnsOther]) {
      const r = ok<Page<PersonOut>>(await call('bm_clerk', 'GET', `/persons?idNumber=${p.idNumber}`));
      expect(r).toEqual({ total: 0, items: [] });
    }
    const own = ok<Page<PersonOut>>(await call('xns_clerk', 'GET', `/persons?idNumber=${xnsHead.idNumber}`));
    expect(own.total).toBe(1);
    expect(own.items[0].id).toBe(xnsHead.id);
  });

  it('bm_clerk export /persons/export.xlsx has its 3 own names and none of the 3 仙女山 names (nor 仙女山 addresses)', async () => {
    const readCells = async (user: User, query = '') => {
      const res = await call(user, 'GET', `/persons/export.xlsx${query}`);
      expect(res.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(new Uint8Array(res.rawPayload).buffer);
      const cells: string[] = [];
      let dataRows = 0;
      wb.eachSheet((ws) => {
        ws.eachRow((row, n) => {
          if (n > 1) dataRows += 1;
          row.eachCell((cell) => {
            cells.push(String(cell.text));
          });
        });
      });
      return { cells, dataRows };
    };
    const bm = await readCells('bm_clerk');
    expect(bm.dataRows).toBe(3);
    for (const name of BM_NAMES) expect(bm.cells).toContain(name);
    for (const name of XNS_NAMES) expect(bm.cells.some((c) => c.includes(name))).toBe(false);
    expect(bm.cells.some((c) => c.includes('仙女山'))).toBe(false);
    for (const p of [xnsHead, xnsMember, xnsOther]) {
      expect(bm.cells.some((c) => c.includes(p.idNumberMasked))).toBe(false);
    }

    const filtered = await readCells('bm_clerk', `?regionCode=${JZ}`);
    expect(filtered.dataRows).toBe(0);

    const xns = await readCells('xns_clerk');
    expect(xns.dataRows).toBe(3);
    for (const name of XNS_NAMES) expect(xns.cells).toContain(name);
  });

  it('region dropdowns: bm_clerk children?parent=500156003 → 404 (also parent=500156), no parent → only [500156101]', async () => {
    const sibling = await call('bm_clerk', 'GET', '/regions/children?parent=500156003');
    expect(sibling.statusCode).toBe(404);
    expect(sibling.json<ErrorBody>().code).toBe('not_found');
    expect((await call('bm_clerk', 'GET', '/regions/children?parent=500156')).statusCode).toBe(404);
    expect((await call('bm_clerk', 'GET', `/regions/children?parent=${JZ.slice(0, 9)}`)).statusCode).toBe(404);

    const root = ok<RegionNodeOut[]>(await call('bm_clerk', 'GET', '/regions/children'));
    expect(root.map((r) => r.code)).toEqual(['500156101']);
    const own = ok<RegionNodeOut[]>(await call('bm_clerk', 'GET', '/regions/children?parent=500156101'));
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((r) => r.code.startsWith('500156101'))).toBe(true);
    expect(own.map((r) => r.code)).toContain(DS);
    // the district approver may open both townships
    expect((await call('wl_approver', 'GET', '/regions/children?parent=500156003')).statusCode).toBe(200);
  });

  it('cases: a 仙女山 case is absent from bm_reviewer /tasks?scope=all, 404 on /cases/:id, claim and approve, and stays untouched', async () => {
    const tasks = ok<Page<TaskItem>>(await call('bm_reviewer', 'GET', '/tasks?scope=all&pageSize=200'));
    expect(tasks.items.map((c) => c.id)).not.toContain(xnsCase.id);
    expect(tasks.items.map((c) => c.id)).toContain(bmCase.id);
    expect(tasks.total).toBe(tasks.items.length);
    expect(tasks.items.every((c) => c.regionCode.startsWith('500156101'))).toBe(true);
    const claimable = ok<Page<TaskItem>>(await call('bm_reviewer', 'GET', '/tasks?scope=claimable&pageSize=200'));
    expect(claimable.items.map((c) => c.id)).not.toContain(xnsCase.id);

    const missing = await call('bm_reviewer', 'GET', `/cases/${randomUUID()}`);
    const foreign = await call('bm_reviewer', 'GET', `/cases/${xnsCase.id}`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body).toBe(missing.body);

    const approve = await call('bm_reviewer', 'POST', `/cases/${xnsCase.id}/actions/approve`, {
      version: xnsCase.version,
    });
    expect(approve.statusCode).toBe(404);
    const claim = await call('bm_reviewer', 'POST', `/cases/${xnsCase.id}/claim`, { version: xnsCase.version });
    expect(claim.statusCode).toBe(404);

    const after = ok<CaseOut & { history: unknown[] }>(await call('xns_reviewer', 'GET', `/cases/${xnsCase.id}`));
    expect(after.state).toBe('submitted');
    expect(after.version).toBe(xnsCase.version);
    expect(after.history).toHaveLength(1);
    expect(after.actions.map((a) => a.code).sort()).toEqual(['approve', 'reject']);
    const hh = ok<HouseholdOut & { address: string }>(await call('xns_clerk', 'GET', `/households/${xnsHousehold.id}`));
    expect(hh.address).toBe(`测试地址${JZ}`);
  });

  it('own township reads: xns_reviewer sees its 1 case and not the 白马 one; households and persons → 200', async () => {
    const tasks = ok<Page<TaskItem>>(await call('xns_reviewer', 'GET', '/tasks?scope=all&pageSize=200'));
    expect(tasks.items.map((c) => c.id)).toEqual([xnsCase.id]);
    expect(tasks.total).toBe(1);
    ok(await call('xns_reviewer', 'GET', `/cases/${xnsCase.id}`));
    expect((await call('xns_reviewer', 'GET', `/cases/${bmCase.id}`)).statusCode).toBe(404);
    const hh = ok<HouseholdOut>(await call('xns_reviewer', 'GET', `/households/${xnsHousehold.id}`));
    expect(hh.members).toHaveLength(2);
    ok(await call('xns_reviewer', 'GET', `/households/${xnsOtherHousehold.id}`));
    ok(await call('bm_reviewer', 'GET', `/households/${bmHousehold.id}`));
    ok(await call('bm_reviewer', 'GET', `/cases/${bmCase.id}`));
  });

  it('village coordinator jz_coord sees only 荆竹村: persons 2, households 1, its case; 白果村 (same township) → 404', async () => {
    const persons = ok<Page<PersonOut>>(await call('jz_coord', 'GET', '/persons?pageSize=200'));
    expect(persons.total).toBe(2);
    expect(persons.items.every((p) => p.regionCode === JZ)).toBe(true);
    const households = ok<Page<HouseholdItem>>(await call('jz_coord', 'GET', '/households?pageSize=200'));
    expect(households.total).toBe(1);
    expect(households.items[0].id).toBe(xnsHousehold.id);
    expect((await call('jz_coord', 'GET', `/persons/${xnsOther.id}`)).statusCode).toBe(404);
    expect((await call('jz_coord', 'GET', `/households/${xnsOtherHousehold.id}`)).statusCode).toBe(404);
    expect((await call('jz_coord', 'GET', `/persons/${bmHead.id}`)).statusCode).toBe(404);
    ok(await call('jz_coord', 'GET', `/persons/${xnsHead.id}`));
    const tasks = ok<Page<TaskItem>>(await call('jz_coord', 'GET', '/tasks?scope=all&pageSize=200'));
    expect(tasks.items.map((c) => c.id)).toEqual([xnsCase.id]);
    expect(ok<Page<PersonOut>>(await call('ds_coord', 'GET', '/persons?pageSize=200')).total).toBe(2);
    expect(ok<RegionNodeOut[]>(await call('jz_coord', 'GET', '/regions/children')).map((r) => r.code)).toEqual([JZ]);
  });

  it('district approver wl_approver sees both townships: persons 6, households 4, both cases', async () => {
    const persons = ok<Page<PersonOut>>(await call('wl_approver', 'GET', '/persons?pageSize=200'));
    expect(persons.total).toBe(6);
    expect(persons.items.map((p) => p.name).sort()).toEqual([...XNS_NAMES, ...BM_NAMES].sort());
    expect(ok<Page<HouseholdItem>>(await call('wl_approver', 'GET', '/households?pageSize=200')).total).toBe(4);
    const tasks = ok<Page<TaskItem>>(await call('wl_approver', 'GET', '/tasks?scope=all&pageSize=200'));
    expect(tasks.items.map((c) => c.id).sort()).toEqual([xnsCase.id, bmCase.id].sort());
    ok(await call('wl_approver', 'GET', `/households/${xnsHousehold.id}`));
    ok(await call('wl_approver', 'GET', `/households/${bmHousehold.id}`));
    ok(await call('wl_approver', 'GET', `/cases/${xnsCase.id}`));
    ok(await call('wl_approver', 'GET', `/cases/${bmCase.id}`));
  });

  it('property (30 runs): GET of a record is 200 iff its region starts with the user scope, else 404', async () => {
    const readers = ['xns_clerk', 'bm_clerk', 'jz_coord', 'ds_coord'] as const;
    const villages = [JZ, BG, DS, BQ] as const;
    let runs = 0;
    const seen = { allowed: 0, denied: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...readers),
        fc.constantFrom(...villages),
        fc.constantFrom('person', 'household'),
        async (reader, village, kind) => {
          runs += 1;
          const owner: User = village.startsWith('500156003') ? 'xns_clerk' : 'bm_clerk';
          const person = await newPerson(owner, village, `性质${runs}`);
          const url =
            kind === 'person'
              ? `/persons/${person.id}`
              : `/households/${(await newHousehold(owner, village, person.id)).id}`;
          const res = await call(reader, 'GET', url);
          const allowed = village.startsWith(SCOPE[reader]);
          if (allowed) seen.allowed += 1;
          else seen.denied += 1;
          expect(res.statusCode).toBe(allowed ? 200 : 404);
          if (allowed) expect(res.json<{ id: string }>().id).toBe(url.split('/')[2]);
          else expect(res.json<ErrorBody>().code).toBe('not_found');
        },
      ),
      { numRuns: 30, seed: 20260315, endOnFailure: true },
    );
    expect(runs).toBe(30);
    expect(seen.allowed).toBeGreaterThan(0);
    expect(seen.denied).toBeGreaterThan(0);
  });
});
