import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isKnownRegion } from '../../src/core/region/region-tree.ts';
import { makeIdNumber } from '../../src/core/registry/id-number.ts';
import { createTestPlatform, ENGINES, login, type TestPlatform } from '../support/test-platform.ts';

/**
 * 200 malformed requests, generated deterministically (fast-check, fixed seeds) from templates that each carry one
 * defect: every answer is a 4xx with the JSON error shape, validation failures name the field, and nothing is
 * written to the database.
 */

const TOTAL = 200;
const SEED = 11643;
const JZ = '500156003204'; // 荆竹村, 仙女山街道 (in xns_clerk's scope)
const DS = '500156101202'; // 东升村, 白马镇 (outside it)
const ONE_MIB = 1024 * 1024;
const TABLES = [
  'person',
  'household',
  'household_member',
  'wf_case',
  'wf_action',
  'audit_log',
  'app_user',
  'resident_otp',
];

type Endpoint =
  | 'POST /persons'
  | 'PATCH /persons/:id'
  | 'POST /households'
  | 'POST /households/:id/members'
  | 'POST /cases'
  | 'POST /cases/:id/actions/:action'
  | 'GET /persons'
  | 'POST /auth/login'
  | 'POST /portal/otp';

type Expectation =
  /** schema or service validation: 400 request.invalid naming this field (or a sub-field of it) */
  | { status: 400; field: string }
  /** the body is not JSON at all: 400 request.invalid (no field to name) */
  | { status: 400; parse: true }
  | { status: 413 }
  | { status: 404 | 409 | 422; code: string };

interface Bad {
  endpoint: Endpoint;
  defect: string;
  method: 'GET' | 'POST' | 'PATCH';
  url: string;
  auth: 'clerk' | 'reviewer' | null;
  /** JSON-encoded unless `raw` is given */
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
  expect: Expectation;
}

interface Ctx {
  personId: string;
  householdId: string;
  caseId: string;
  otherPersonId: string;
}

interface Template {
  endpoint: Endpoint;
  defect: string;
  arb: (ctx: Ctx) => fc.Arbitrary<Bad>;
}

// ---- building blocks --------------------------------------------------------------------------------------------

const birth = fc
  .date({ min: new Date('1930-01-01T00:00:00Z'), max: new Date('2010-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const seqArb = fc.integer({ min: 0, max: 999 });
const validId = fc.tuple(birth, seqArb).map(([b, s]) => makeIdNumber('500156', b, s));

const badId = fc.oneof(
  validId.chain((id) =>
    fc.constantFrom(...'0123456789X'.split('').filter((c) => c !== id[17])).map((c) => `${id.slice(0, 17)}${c}`),
  ),
  fc
    .tuple(fc.constantFrom('1980-02-30', '1990-13-01', '2001-00-10', '1899-12-31', '2099-01-01', '2023-02-29'), seqArb)
    .map(([d, s]) => makeIdNumber('500156', d, s)),
  validId.map((id) => id.slice(0, 17)),
  validId.map((id) => `${id}0`),
  validId.map((id) => `${id.slice(0, 10)}AB${id.slice(12)}`),
  fc.constant(''),
);

/** Well-formed 12-digit codes that are not in the region list, and codes that are not village codes at all. */
const badRegion = fc.oneof(
  fc
    .oneof(
      fc.constantFrom('500156999999', '990000000000', '500156003999', '000000000000'),
      fc
        .tuple(fc.constantFrom('99', '50', '15'), fc.integer({ min: 0, max: 9_999_999_999 }))
        .map(([p, n]) => `${p}${String(n).padStart(10, '0')}`),
    )
    .filter((c) => !isKnownRegion(c)),
  fc.constantFrom('500156003', '50015600320', '5001560032041', 'abcdefghijkl', ''),
);

const notAString = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 2 }),
);

const notAPositiveInt = fc.oneof(
  fc.string({ maxLength: 5 }),
  fc.boolean(),
  fc.constant(null),
  fc.constant(1.5),
  fc.integer({ min: -100, max: 0 }),
  fc.array(fc.nat(), { maxLength: 2 }),
);

const longString = fc
  .tuple(fc.constantFrom('a', '长', '😀'), fc.integer({ min: 10_000, max: 10_400 }))
  .map(([c, n]) => c.repeat(n));

const extraField = fc.tuple(
  fc.constantFrom('isAdmin', 'id', 'createdAt', 'owner', 'role', '__x', 'regionScope'),
  fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean()),
);

const nonUuid = fc
  .oneof(
    fc.stringMatching(/^[a-zA-Z0-9_-]{1,40}$/),
    fc.constantFrom(
      '00000000-0000-0000-0000-00000000000g',
      '123',
      "1' OR '1'='1",
      '<script>',
      'ＡＡ',
      `${randomUUID()}x`,
      randomUUID().replaceAll('-', ''),
    ),
  )
  .map((s) => encodeURIComponent(s));

const badDate = fc.constantFrom('2024-02-30', '2024/01/01', '01-01-2024', '2024-1-1', 'tomorrow', '', '2024-13-01');
const badPhone = fc.constantFrom('12345678901', '1381234567', '138123456789', '+8613812345678', '138-1234-5678', '');

/** One key removed from an object. */
const without = <T extends Record<string, unknown>>(obj: T, key: string) =>
  Object.fromEntries(Object.entries(obj).filter(([k]) => k !== key));

const validation = (field: string): Expectation => ({ status: 400, field });

// ---- templates: each request has exactly one kind of defect --------------------------------------------------------

const TEMPLATES: Template[] = [];
const tpl = (endpoint: Endpoint, defect: string, arb: Template['arb']) => TEMPLATES.push({ endpoint, defect, arb });

// POST /persons
const personBody = (id: string) => ({ idNumber: id, name: '测试居民', regionCode: JZ });
const postPerson = (defect: string, body: unknown, expect: Expectation, extra: Partial<Bad> = {}): Bad => ({
  endpoint: 'POST /persons',
  defect,
  method: 'POST',
  url: '/persons',
  auth: 'clerk',
  body,
  expect,
  ...extra,
});
tpl('POST /persons', 'missing required field', () =>
  fc
    .tuple(validId, fc.constantFrom('idNumber', 'name', 'regionCode'))
    .map(([id, f]) => postPerson('missing required field', without(personBody(id), f), validation(`body.${f}`))),
);
tpl('POST /persons', 'wrong type (string field)', () =>
  fc
    .tuple(validId, fc.constantFrom('idNumber', 'name', 'regionCode', 'phone', 'ethnicity', 'healthStatus'), notAString)
    .map(([id, f, v]) => postPerson('wrong type', { ...personBody(id), [f]: v }, validation(`body.${f}`))),
);
tpl('POST /persons', 'wrong type (number field)', () =>
  fc
    .tuple(
      validId,
      fc.constantFrom('disabilityLevel', 'monthlyIncomeFen'),
      fc.oneof(notAPositiveInt, fc.constant(1e12), fc.constant(null)),
    )
    .map(([id, f, v]) => postPerson('wrong type', { ...personBody(id), [f]: v }, validation(`body.${f}`))),
);
tpl('POST /persons', 'bad ID number', () =>
  badId.map((id) => postPerson('bad ID number', personBody(id), validation('body.idNumber'))),
);
tpl('POST /persons', 'unknown region code', () =>
  fc
    .tuple(validId, badRegion)
    .map(([id, r]) =>
      postPerson('unknown region', { ...personBody(id), regionCode: r }, validation('body.regionCode')),
    ),
);
tpl('POST /persons', 'malformed hukou district', () =>
  fc
    .tuple(validId, fc.constantFrom('500156003', '5001', '50015X', '', '5001560'))
    .map(([id, r]) =>
      postPerson('malformed hukou', { ...personBody(id), hukouRegionCode: r }, validation('body.hukouRegionCode')),
    ),
);
tpl('POST /persons', 'extra unknown field', () =>
  fc
    .tuple(validId, extraField)
    .map(([id, [k, v]]) => postPerson('extra field', { ...personBody(id), [k]: v }, validation('body'))),
);
tpl('POST /persons', '10,000-char string', () =>
  fc
    .tuple(validId, longString)
    .map(([id, s]) => postPerson('long string', { ...personBody(id), name: s }, validation('body.name'))),
);
tpl('POST /persons', 'bad phone', () =>
  fc
    .tuple(validId, badPhone)
    .map(([id, p]) => postPerson('bad phone', { ...personBody(id), phone: p }, validation('body.phone'))),
);
tpl('POST /persons', 'residence outside the clerk scope', () =>
  validId.map((id) => postPerson('out of scope', { ...personBody(id), regionCode: DS }, validation('regionCode'))),
);
tpl('POST /persons', 'Idempotency-Key over 200 chars', () =>
  fc.tuple(validId, fc.integer({ min: 201, max: 400 })).map(([id, n]) =>
    postPerson('long Idempotency-Key', personBody(id), validation('Idempotency-Key'), {
      headers: { 'idempotency-key': 'k'.repeat(n) },
    }),
  ),
);

// PATCH /persons/:id
const patch = (ctx: Ctx, defect: string, body: unknown, expect: Expectation, id = ctx.personId): Bad => ({
  endpoint: 'PATCH /persons/:id',
  defect,
  method: 'PATCH',
  url: `/persons/${id}`,
  auth: 'clerk',
  body,
  expect,
});
tpl('PATCH /persons/:id', 'non-uuid id', (ctx) =>
  nonUuid.map((id) => patch(ctx, 'non-uuid id', { version: 1, name: '改名' }, validation('params.id'), id)),
);
tpl('PATCH /persons/:id', 'missing version', (ctx) =>
  fc.constantFrom('改名', '王五').map((n) => patch(ctx, 'missing version', { name: n }, validation('body.version'))),
);
tpl('PATCH /persons/:id', 'wrong type version', (ctx) =>
  notAPositiveInt.map((v) => patch(ctx, 'wrong type', { version: v, name: '改名' }, validation('body.version'))),
);
tpl('PATCH /persons/:id', '10,000-char name', (ctx) =>
  longString.map((s) => patch(ctx, 'long string', { version: 1, name: s }, validation('body.name'))),
);
tpl('PATCH /persons/:id', 'unknown region code', (ctx) =>
  badRegion.map((r) => patch(ctx, 'unknown region', { version: 1, regionCode: r }, validation('body.regionCode'))),
);
tpl('PATCH /persons/:id', 'extra/immutable field', (ctx) =>
  fc
    .tuple(fc.constantFrom('idNumber', 'sex', 'birthDate', 'householdId', 'isAdmin'), fc.string({ maxLength: 18 }))
    .map(([k, v]) => patch(ctx, 'extra field', { version: 1, [k]: v }, validation('body'))),
);
tpl('PATCH /persons/:id', 'stale version', (ctx) =>
  fc
    .integer({ min: 2, max: 1000 })
    .map((v) => patch(ctx, 'stale version', { version: v, name: '改名' }, { status: 409, code: 'conflict.version' })),
);
tpl('PATCH /persons/:id', 'unknown uuid', (ctx) =>
  fc
    .uuid()
    .map((id) => patch(ctx, 'unknown uuid', { version: 1, name: '改名' }, { status: 404, code: 'not_found' }, id)),
);

// POST /households
const hhBody = (ctx: Ctx) => ({ address: '仙女山街道荆竹村 3 组', regionCode: JZ, headPersonId: ctx.otherPersonId });
const postHh = (defect: string, body: unknown, expect: Expectation): Bad => ({
  endpoint: 'POST /households',
  defect,
  method: 'POST',
  url: '/households',
  auth: 'clerk',
  body,
  expect,
});
tpl('POST /households', 'missing required field', (ctx) =>
  fc
    .constantFrom('address', 'regionCode', 'headPersonId')
    .map((f) => postHh('missing field', without(hhBody(ctx), f), validation(`body.${f}`))),
);
tpl('POST /households', 'address too short or 10,000 chars', (ctx) =>
  fc
    .oneof(fc.constantFrom('', 'a', ' '), longString)
    .map((a) => postHh('bad address', { ...hhBody(ctx), address: a }, validation('body.address'))),
);
tpl('POST /households', 'non-uuid head', (ctx) =>
  nonUuid.map((id) =>
    postHh('non-uuid', { ...hhBody(ctx), headPersonId: decodeURIComponent(id) }, validation('body.headPersonId')),
  ),
);
tpl('POST /households', 'unknown region code', (ctx) =>
  badRegion.map((r) => postHh('unknown region', { ...hhBody(ctx), regionCode: r }, validation('body.regionCode'))),
);
tpl('POST /households', 'bad validFrom', (ctx) =>
  badDate.map((d) => postHh('bad date', { ...hhBody(ctx), validFrom: d }, validation('body.validFrom'))),
);
tpl('POST /households', 'wrong type', (ctx) =>
  fc
    .tuple(fc.constantFrom('address', 'regionCode', 'headPersonId'), notAString)
    .map(([f, v]) => postHh('wrong type', { ...hhBody(ctx), [f]: v }, validation(`body.${f}`))),
);
tpl('POST /households', 'extra unknown field', (ctx) =>
  extraField.map(([k, v]) => postHh('extra field', { ...hhBody(ctx), [k]: v }, validation('body'))),
);
tpl('POST /households', 'head person does not exist', (ctx) =>
  fc
    .uuid()
    .map((id) => postHh('unknown head', { ...hhBody(ctx), headPersonId: id }, { status: 404, code: 'not_found' })),
);
tpl('POST /households', 'village outside the clerk scope', (ctx) =>
  fc.constant(postHh('out of scope', { ...hhBody(ctx), regionCode: DS }, { status: 404, code: 'not_found' })),
);

// POST /households/:id/members
const memberBody = (ctx: Ctx) => ({ personId: ctx.otherPersonId, relationCode: '20', validFrom: '2025-03-01' });
const postMember = (ctx: Ctx, defect: string, body: unknown, expect: Expectation, id = ctx.householdId): Bad => ({
  endpoint: 'POST /households/:id/members',
  defect,
  method: 'POST',
  url: `/households/${id}/members`,
  auth: 'clerk',
  body,
  expect,
});
tpl('POST /households/:id/members', 'non-uuid household id', (ctx) =>
  nonUuid.map((id) => postMember(ctx, 'non-uuid id', memberBody(ctx), validation('params.id'), id)),
);
tpl('POST /households/:id/members', 'missing required field', (ctx) =>
  fc
    .constantFrom('personId', 'relationCode', 'validFrom')
    .map((f) => postMember(ctx, 'missing field', without(memberBody(ctx), f), validation(`body.${f}`))),
);
tpl('POST /households/:id/members', 'relation not in the code list', (ctx) =>
  fc
    .constantFrom('98', '00', 'head', '', '02 ', '2')
    .map((r) =>
      postMember(ctx, 'bad relation', { ...memberBody(ctx), relationCode: r }, validation('body.relationCode')),
    ),
);
tpl('POST /households/:id/members', 'bad validFrom', (ctx) =>
  badDate.map((d) => postMember(ctx, 'bad date', { ...memberBody(ctx), validFrom: d }, validation('body.validFrom'))),
);
tpl('POST /households/:id/members', 'wrong type', (ctx) =>
  fc
    .tuple(fc.constantFrom('personId', 'relationCode', 'validFrom'), notAString)
    .map(([f, v]) => postMember(ctx, 'wrong type', { ...memberBody(ctx), [f]: v }, validation(`body.${f}`))),
);
tpl('POST /households/:id/members', 'extra unknown field', (ctx) =>
  extraField.map(([k, v]) => postMember(ctx, 'extra field', { ...memberBody(ctx), [k]: v }, validation('body'))),
);
tpl('POST /households/:id/members', 'unknown household uuid', (ctx) =>
  fc.uuid().map((id) => postMember(ctx, 'unknown uuid', memberBody(ctx), { status: 404, code: 'not_found' }, id)),
);

// POST /cases
const caseBody = (ctx: Ctx) => ({
  workflow: 'registry.household_change',
  regionCode: JZ,
  title: '家庭住址变更',
  data: { householdId: ctx.householdId, newAddress: '新地址' },
});
const postCase = (defect: string, body: unknown, expect: Expectation): Bad => ({
  endpoint: 'POST /cases',
  defect,
  method: 'POST',
  url: '/cases',
  auth: 'clerk',
  body,
  expect,
});
tpl('POST /cases', 'missing required field', (ctx) =>
  fc
    .constantFrom('workflow', 'regionCode', 'title')
    .map((f) => postCase('missing field', without(caseBody(ctx), f), validation(`body.${f}`))),
);
tpl('POST /cases', 'unknown workflow', (ctx) =>
  fc
    .constantFrom('registry.nope', 'assistance.dibao', 'x', 'REGISTRY.HOUSEHOLD_CHANGE')
    .map((w) => postCase('unknown workflow', { ...caseBody(ctx), workflow: w }, validation('workflow'))),
);
tpl('POST /cases', 'unknown region code', (ctx) =>
  badRegion.map((r) => postCase('unknown region', { ...caseBody(ctx), regionCode: r }, validation('body.regionCode'))),
);
tpl('POST /cases', 'title too short or 10,000 chars', (ctx) =>
  fc
    .oneof(fc.constantFrom('', 'a', '  '), longString)
    .map((s) => postCase('bad title', { ...caseBody(ctx), title: s }, validation('body.title'))),
);
tpl('POST /cases', 'data not an object', (ctx) =>
  fc
    .oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.array(fc.integer(), { maxLength: 3 }), fc.boolean())
    .map((d) => postCase('bad data', { ...caseBody(ctx), data: d }, validation('body.data'))),
);
tpl('POST /cases', 'non-uuid subjectId', (ctx) =>
  nonUuid.map((id) =>
    postCase('non-uuid', { ...caseBody(ctx), subjectId: decodeURIComponent(id) }, validation('body.subjectId')),
  ),
);
tpl('POST /cases', 'extra field (state/assignee)', (ctx) =>
  fc
    .tuple(fc.constantFrom('state', 'assigneeId', 'caseNo', 'version', 'dueOn'), fc.string({ maxLength: 10 }))
    .map(([k, v]) => postCase('extra field', { ...caseBody(ctx), [k]: v }, validation('body'))),
);
tpl('POST /cases', 'village outside the clerk scope', (ctx) =>
  fc.constant(postCase('out of scope', { ...caseBody(ctx), regionCode: DS }, { status: 404, code: 'not_found' })),
);

// POST /cases/:id/actions/:action (as the township reviewer, who may approve)
const act = (
  ctx: Ctx,
  defect: string,
  body: unknown,
  expect: Expectation,
  action = 'approve',
  id = ctx.caseId,
): Bad => ({
  endpoint: 'POST /cases/:id/actions/:action',
  defect,
  method: 'POST',
  url: `/cases/${id}/actions/${action}`,
  auth: 'reviewer',
  body,
  expect,
});
tpl('POST /cases/:id/actions/:action', 'non-uuid case id', (ctx) =>
  nonUuid.map((id) => act(ctx, 'non-uuid id', { version: 2 }, validation('params.id'), 'approve', id)),
);
tpl('POST /cases/:id/actions/:action', 'malformed action name', (ctx) =>
  fc
    .constantFrom('APPROVE', 'approve!', 'ap-prove', 'a'.repeat(51), '1', 'approve now', '审核通过')
    .map((a) => act(ctx, 'bad action', { version: 1 }, validation('params.action'), encodeURIComponent(a))),
);
tpl('POST /cases/:id/actions/:action', 'missing or wrong-type version', (ctx) =>
  fc
    .option(notAPositiveInt, { nil: undefined })
    .map((v) =>
      act(ctx, 'bad version', v === undefined ? { comment: '同意' } : { version: v }, validation('body.version')),
    ),
);
tpl('POST /cases/:id/actions/:action', 'comment 10,000 chars or wrong type', (ctx) =>
  fc
    .oneof(longString, fc.integer(), fc.boolean(), fc.array(fc.string(), { maxLength: 2 }))
    .map((c) => act(ctx, 'bad comment', { version: 2, comment: c }, validation('body.comment'))),
);
tpl('POST /cases/:id/actions/:action', 'input not an object', (ctx) =>
  fc
    .oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.array(fc.integer(), { maxLength: 2 }))
    .map((v) => act(ctx, 'bad input', { version: 1, input: v }, validation('body.input'))),
);
tpl('POST /cases/:id/actions/:action', 'extra unknown field', (ctx) =>
  extraField.map(([k, v]) => act(ctx, 'extra field', { version: 1, [k]: v }, validation('body'))),
);
tpl('POST /cases/:id/actions/:action', 'reject without a comment', (ctx) =>
  fc
    .constantFrom(undefined, '', ' ', '否')
    .map((c) =>
      act(
        ctx,
        'reject without comment',
        c === undefined ? { version: 1 } : { version: 1, comment: c },
        validation('comment'),
        'reject',
      ),
    ),
);
tpl('POST /cases/:id/actions/:action', 'stale version', (ctx) =>
  fc
    .integer({ min: 2, max: 500 })
    .map((v) => act(ctx, 'stale version', { version: v }, { status: 409, code: 'workflow.conflict' })),
);
tpl('POST /cases/:id/actions/:action', 'action the workflow does not have', (ctx) =>
  fc
    .constantFrom('fly', 'close', 'delete', 'reopen', 'open', 'claim')
    .map((a) => act(ctx, 'unknown action', { version: 1 }, { status: 422, code: 'workflow.transition_invalid' }, a)),
);
for (const key of ['constructor', '__proto__']) {
  tpl('POST /cases/:id/actions/:action', `action named like Object.prototype.${key}`, (ctx) =>
    fc.constant(
      act(ctx, 'prototype key as action', { version: 1 }, { status: 422, code: 'workflow.transition_invalid' }, key),
    ),
  );
}
tpl('POST /cases/:id/actions/:action', 'unknown case uuid', (ctx) =>
  fc.uuid().map((id) => act(ctx, 'unknown uuid', { version: 1 }, { status: 404, code: 'not_found' }, 'approve', id)),
);

// GET /persons?...
const getPersons = (defect: string, query: string, field: string): Bad => ({
  endpoint: 'GET /persons',
  defect,
  method: 'GET',
  url: `/persons?${query}`,
  auth: 'clerk',
  expect: validation(field),
});
tpl('GET /persons', 'page / pageSize out of range or not a number', () =>
  fc.oneof(
    fc.integer({ min: -1000, max: 0 }).map((n) => getPersons('page', `page=${n}`, 'querystring.page')),
    fc.constantFrom('abc', '1.5', '1e999', '').map((v) => getPersons('page', `page=${v}`, 'querystring.page')),
    fc
      .integer({ min: 201, max: 1_000_000 })
      .map((n) => getPersons('pageSize', `pageSize=${n}`, 'querystring.pageSize')),
    fc.constantFrom('0', 'all', '-5').map((v) => getPersons('pageSize', `pageSize=${v}`, 'querystring.pageSize')),
  ),
);
tpl('GET /persons', 'bad filters', () =>
  fc.oneof(
    fc
      .constantFrom('abc', '1', '5001560032041', '500156003204x')
      .map((v) => getPersons('regionCode', `regionCode=${encodeURIComponent(v)}`, 'querystring.regionCode')),
    nonUuid.map((v) => getPersons('householdId', `householdId=${v}`, 'querystring.householdId')),
    validId.map((id) => getPersons('idNumber 19 chars', `idNumber=${id}0`, 'querystring.idNumber')),
    longString.map((s) => getPersons('q 10,000 chars', `q=${encodeURIComponent(s)}`, 'querystring.q')),
  ),
);
tpl('GET /persons', 'unknown or repeated parameter', () =>
  fc.oneof(
    fc
      .constantFrom('foo=1', 'sort=name', 'region=500156', 'admin=true')
      .map((q) => getPersons('unknown param', q, 'querystring')),
    fc
      .constantFrom('q=a&q=b', 'regionCode=500156&regionCode=500156003')
      .map((q) => getPersons('repeated param', q, `querystring.${q.slice(0, q.indexOf('='))}`)),
  ),
);

// POST /auth/login (malformed only: no well-formed credentials, so no failed-login audit rows)
const postLogin = (defect: string, body: unknown, expect: Expectation): Bad => ({
  endpoint: 'POST /auth/login',
  defect,
  method: 'POST',
  url: '/auth/login',
  auth: null,
  body,
  expect,
});
tpl('POST /auth/login', 'missing field', () =>
  fc
    .constantFrom('username', 'password')
    .map((f) =>
      postLogin('missing field', without({ username: 'xns_clerk', password: 'x' }, f), validation(`body.${f}`)),
    ),
);
tpl('POST /auth/login', 'wrong type', () =>
  fc
    .tuple(fc.constantFrom('username', 'password'), notAString)
    .map(([f, v]) =>
      postLogin('wrong type', { username: 'xns_clerk', password: 'Huimin@2026', [f]: v }, validation(`body.${f}`)),
    ),
);
tpl('POST /auth/login', 'empty or 10,000-char value', () =>
  fc
    .tuple(fc.constantFrom('username', 'password'), fc.oneof(fc.constant(''), longString))
    .map(([f, v]) =>
      postLogin('empty/long', { username: 'xns_clerk', password: 'Huimin@2026', [f]: v }, validation(`body.${f}`)),
    ),
);
tpl('POST /auth/login', 'extra unknown field', () =>
  extraField.map(([k, v]) =>
    postLogin('extra field', { username: 'xns_clerk', password: 'Huimin@2026', [k]: v }, validation('body')),
  ),
);

// POST /portal/otp (malformed only: a well-formed pair answers { sent: true })
const postOtp = (defect: string, body: unknown, field: string): Bad => ({
  endpoint: 'POST /portal/otp',
  defect,
  method: 'POST',
  url: '/portal/otp',
  auth: null,
  body,
  expect: validation(field),
});
tpl('POST /portal/otp', 'bad ID number', () =>
  badId.map((id) => postOtp('bad ID number', { idNumber: id, phone: '13800138000' }, 'body.idNumber')),
);
tpl('POST /portal/otp', 'bad phone', () =>
  fc.tuple(validId, badPhone).map(([id, p]) => postOtp('bad phone', { idNumber: id, phone: p }, 'body.phone')),
);
tpl('POST /portal/otp', 'missing / wrong type / extra field', () =>
  fc.oneof(
    validId.map((id) => postOtp('missing phone', { idNumber: id }, 'body.phone')),
    notAString.map((v) => postOtp('wrong type', { idNumber: v, phone: '13800138000' }, 'body.idNumber')),
    fc
      .tuple(validId, extraField)
      .map(([id, [k, v]]) => postOtp('extra field', { idNumber: id, phone: '13800138000', [k]: v }, 'body')),
  ),
);

// Any JSON endpoint: broken JSON, empty body, a plain-text body, and bodies over the 1 MiB limit.
const JSON_ENDPOINTS = (ctx: Ctx): Array<Pick<Bad, 'endpoint' | 'method' | 'url' | 'auth'>> => [
  { endpoint: 'POST /persons', method: 'POST', url: '/persons', auth: 'clerk' },
  { endpoint: 'PATCH /persons/:id', method: 'PATCH', url: `/persons/${ctx.personId}`, auth: 'clerk' },
  { endpoint: 'POST /households', method: 'POST', url: '/households', auth: 'clerk' },
  {
    endpoint: 'POST /households/:id/members',
    method: 'POST',
    url: `/households/${ctx.householdId}/members`,
    auth: 'clerk',
  },
  { endpoint: 'POST /cases', method: 'POST', url: '/cases', auth: 'clerk' },
  {
    endpoint: 'POST /cases/:id/actions/:action',
    method: 'POST',
    url: `/cases/${ctx.caseId}/actions/approve`,
    auth: 'reviewer',
  },
  { endpoint: 'POST /auth/login', method: 'POST', url: '/auth/login', auth: null },
  { endpoint: 'POST /portal/otp', method: 'POST', url: '/portal/otp', auth: null },
];
tpl('POST /persons', 'invalid JSON', (ctx) =>
  fc
    .tuple(
      fc.constantFrom(...JSON_ENDPOINTS(ctx)),
      fc.constantFrom('{', '{"name": ', "{'a':1}", '[1,2', 'nul', '{"a":1}}', '{"__proto__": {"x": 1}}', '\u0000'),
    )
    .map(([e, raw]) => ({ ...e, defect: 'invalid JSON', raw, expect: { status: 400, parse: true } as const })),
);
tpl('POST /persons', 'empty JSON body', (ctx) =>
  fc
    .constantFrom(...JSON_ENDPOINTS(ctx))
    .map((e) => ({ ...e, defect: 'empty JSON body', raw: '', expect: { status: 400, parse: true } as const })),
);
tpl('POST /persons', 'plain-text body', (ctx) =>
  fc.constantFrom(...JSON_ENDPOINTS(ctx)).map((e) => ({
    ...e,
    defect: 'text/plain body',
    raw: '{"version":1}',
    headers: { 'content-type': 'text/plain' },
    expect: validation('body'),
  })),
);
tpl('POST /persons', 'body over 1 MiB', (ctx) =>
  fc.tuple(fc.constantFrom(...JSON_ENDPOINTS(ctx)), fc.integer({ min: 1, max: 64 * 1024 })).map(([e, n]) => ({
    ...e,
    defect: 'oversized body',
    raw: JSON.stringify({ name: 'x'.repeat(ONE_MIB + n), version: 1 }),
    expect: { status: 413 } as const,
  })),
);

/** The i-th malformed request: templates in turn, each instance drawn with its own fixed seed. */
function generate(ctx: Ctx): Bad[] {
  const out: Bad[] = [];
  for (let i = 0; i < TOTAL; i++) {
    const t = TEMPLATES[i % TEMPLATES.length];
    const [bad] = fc.sample(t.arb(ctx), { numRuns: 1, seed: SEED + i });
    out.push(bad);
  }
  return out;
}

interface ErrorBody {
  code: string;
  message_zh: string;
  message_en: string;
  fields: Array<{ field: string; message_zh: string; message_en: string }>;
}

/** Problems with one response (empty when it is as expected). */
function check(bad: Bad, status: number, contentType: string | undefined, text: string): string[] {
  const problems: string[] = [];
  if (status >= 500) problems.push(`server error ${status}`);
  if (status < 400 || status >= 500) problems.push(`status ${status} is not 4xx`);
  if (status !== bad.expect.status) problems.push(`status ${status}, expected ${bad.expect.status}`);
  if (!String(contentType).startsWith('application/json')) problems.push(`content-type ${contentType}`);
  let body: ErrorBody;
  try {
    body = JSON.parse(text) as ErrorBody;
  } catch {
    return [...problems, `not JSON: ${text.slice(0, 80)}`];
  }
  const keys = Object.keys(body).sort().join(',');
  if (keys !== 'code,fields,message_en,message_zh') problems.push(`error keys ${keys}`);
  if (typeof body.code !== 'string' || body.code === '') problems.push('no code');
  if (typeof body.message_zh !== 'string' || body.message_zh === '') problems.push('no message_zh');
  if (typeof body.message_en !== 'string' || body.message_en === '') problems.push('no message_en');
  if (!Array.isArray(body.fields)) return [...problems, 'fields is not an array'];
  for (const f of body.fields) {
    if (typeof f.field !== 'string' || typeof f.message_zh !== 'string' || typeof f.message_en !== 'string') {
      problems.push(`malformed field entry ${JSON.stringify(f)}`);
    }
  }
  if (status === 400 && !('parse' in bad.expect) && body.fields.length === 0) problems.push('400 names no field');
  const e = bad.expect;
  if ('field' in e) {
    if (body.code !== 'request.invalid') problems.push(`code ${body.code}, expected request.invalid`);
    const named = body.fields.map((f) => f.field);
    if (!named.some((f) => f === e.field || f.startsWith(`${e.field}.`))) {
      problems.push(`fields ${JSON.stringify(named)} do not name ${e.field}`);
    }
  } else if ('parse' in e) {
    if (body.code !== 'request.invalid') problems.push(`code ${body.code}, expected request.invalid`);
  } else if (e.status === 413) {
    if (body.code !== 'request.too_large') problems.push(`code ${body.code}, expected request.too_large`);
  } else if (body.code !== e.code) {
    problems.push(`code ${body.code}, expected ${e.code}`);
  }
  return problems;
}

describe.each(ENGINES)('malformed requests on %s', (engine) => {
  let t: TestPlatform;
  let app: FastifyInstance;
  const cookies: Record<'clerk' | 'reviewer', string> = { clerk: '', reviewer: '' };
  let requests: Bad[] = [];
  let before: Record<string, number>;
  const outcomes: Array<{ bad: Bad; status: number; problems: string[] }> = [];

  const counts = async () => {
    const out: Record<string, number> = {};
    for (const table of TABLES) {
      const { rows } = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
      out[table] = rows[0].n;
    }
    return out;
  };

  beforeAll(async () => {
    t = await createTestPlatform(engine);
    app = t.app;
    cookies.clerk = await login(app, 'xns_clerk');
    cookies.reviewer = await login(app, 'xns_reviewer');
    const post = async (cookie: string, url: string, payload: object) => {
      const res = await app.inject({ method: 'POST', url: `/api/v1${url}`, headers: { cookie }, payload });
      if (res.statusCode !== 201) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      return res.json<{ id: string }>().id;
    };
    const personId = await post(cookies.clerk, '/persons', {
      idNumber: makeIdNumber('500156', '1970-05-05', 11),
      name: '原户主',
      regionCode: JZ,
    });
    const otherPersonId = await post(cookies.clerk, '/persons', {
      idNumber: makeIdNumber('500156', '1975-06-06', 12),
      name: '待入户',
      regionCode: JZ,
    });
    const householdId = await post(cookies.clerk, '/households', {
      address: '荆竹村 1 组',
      regionCode: JZ,
      headPersonId: personId,
    });
    const caseId = await post(cookies.clerk, '/cases', {
      workflow: 'registry.household_change',
      regionCode: JZ,
      title: '家庭住址变更',
      data: { householdId, newAddress: '荆竹村 2 组' },
    });
    requests = generate({ personId, otherPersonId, householdId, caseId });
    before = await counts();

    for (const [i, bad] of requests.entries()) {
      const headers: Record<string, string> = {};
      if (bad.auth) headers.cookie = cookies[bad.auth];
      let payload: string | undefined;
      if (bad.raw !== undefined) payload = bad.raw;
      else if (bad.body !== undefined) payload = JSON.stringify(bad.body);
      if (payload !== undefined) headers['content-type'] = 'application/json';
      Object.assign(headers, bad.headers);
      const res = await app.inject({
        method: bad.method,
        url: `/api/v1${bad.url}`,
        headers,
        payload,
        // one client address per request, so the login/OTP rate limits (20 and 10 a minute) stay out of the way
        remoteAddress: `10.77.${i >> 8}.${i & 255}`,
      });
      outcomes.push({
        bad,
        status: res.statusCode,
        problems: check(bad, res.statusCode, res.headers['content-type'] as string, res.body),
      });
    }
  });

  afterAll(async () => {
    await t?.close();
  });

  it('generates exactly 200 requests covering all 9 endpoints and every defect kind (fixed seed)', () => {
    expect(requests).toHaveLength(TOTAL);
    expect(new Set(requests.map((r) => r.endpoint)).size).toBe(9);
    const defects = new Set(requests.map((r) => r.defect));
    for (const d of [
      'wrong type',
      'missing required field',
      'bad ID number',
      'unknown region',
      'extra field',
      'long string',
      'oversized body',
      'invalid JSON',
      'non-uuid id',
    ]) {
      expect(defects, d).toContain(d);
    }
    expect(requests.filter((r) => r.expect.status === 413).length).toBeGreaterThanOrEqual(2);
    // the same seed gives the same requests
    expect(JSON.stringify(generate({ personId: 'p', otherPersonId: 'o', householdId: 'h', caseId: 'c' }))).toBe(
      JSON.stringify(generate({ personId: 'p', otherPersonId: 'o', householdId: 'h', caseId: 'c' })),
    );
  });

  it('all 200 answers are 4xx (never 5xx) with {code, message_zh, message_en, fields[]}; every 400 validation names the field', () => {
    expect(outcomes).toHaveLength(TOTAL);
    const failures = outcomes
      .filter((o) => o.problems.length > 0)
      .map(
        (o) =>
          `${o.bad.endpoint} [${o.bad.defect}] ${o.bad.method} ${o.bad.url.slice(0, 80)}: ${o.problems.join('; ')}`,
      );
    expect(failures).toEqual([]);
    expect(outcomes.filter((o) => o.status >= 500)).toHaveLength(0);
    expect(outcomes.filter((o) => o.status === 400).length).toBeGreaterThan(150);
  });

  it('the database is unchanged: person, household, household_member, wf_case, wf_action, audit_log counts are equal', async () => {
    const after = await counts();
    expect(after).toEqual(before);
    expect(before.person).toBe(2);
    expect(before.household).toBe(1);
    expect(before.wf_case).toBe(1);
    expect(before.wf_action).toBe(1);
    const { rows } = await t.db.query<{ state: string; version: number }>('SELECT state, version FROM wf_case');
    expect(rows).toEqual([{ state: 'submitted', version: 1 }]);
    const names = await t.db.query<{ name: string; version: number }>('SELECT name, version FROM person ORDER BY name');
    expect(names.rows.map((r) => r.version)).toEqual([1, 1]);
  });

  // PostgreSQL rejects text containing U+0000 (SQLSTATE 22021); the API refuses it first, naming the field.
  it('a NUL character (U+0000) in any string is a 400, never a 500', async () => {
    const nul = 'a\u0000b';
    const probes = [
      {
        method: 'POST' as const,
        url: '/persons',
        auth: true,
        body: { idNumber: makeIdNumber('500156', '1966-06-06', 66), name: nul, regionCode: JZ },
      },
      { method: 'GET' as const, url: `/persons?q=${encodeURIComponent(nul)}`, auth: true },
      { method: 'GET' as const, url: `/households?q=${encodeURIComponent(nul)}`, auth: true },
      { method: 'POST' as const, url: '/auth/login', auth: false, body: { username: nul, password: 'x' } },
    ];
    const statuses: number[] = [];
    for (const [i, p] of probes.entries()) {
      const res = await app.inject({
        method: p.method,
        url: `/api/v1${p.url}`,
        headers: p.auth ? { cookie: cookies.clerk } : {},
        payload: p.body,
        remoteAddress: `10.78.0.${i}`,
      });
      statuses.push(res.statusCode);
    }
    expect(
      statuses.every((s) => s >= 400 && s < 500),
      `statuses ${statuses.join(',')}`,
    ).toBe(true);
  });
});
