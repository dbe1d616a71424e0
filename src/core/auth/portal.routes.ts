import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../platform.ts';
import { actorOf, RESIDENT_COOKIE } from '../../server/access.ts';
import { safeRegionName } from '../region/region-name.ts';
import { dictionaryLabel } from '../registry/dictionaries.ts';
import { IdNumber, Phone } from '../registry/registry.schema.ts';
import { ageOn } from '../registry/registry.service.ts';
import { maskName } from '../shared/masking.ts';
import { findState } from '../workflow/workflow-definition.ts';
import { todayInChina } from '../workflow/working-days.ts';
import {
  findResidentHousehold,
  findResidentSelf,
  listHouseholdMembersForResident,
  listResidentCases,
} from './portal.repository.ts';

/** The resident portal 掌上办: sign in with ID + phone + one-time code; see one's own household and cases. */
export function registerPortalRoutes(app: FastifyInstance, platform: Platform): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['portal'];
  const limit = { rateLimit: { max: 10, timeWindow: '1 minute' } };

  api.post(
    '/portal/otp',
    {
      schema: { body: z.strictObject({ idNumber: IdNumber, phone: Phone }), tags },
      config: { access: 'public', ...limit },
    },
    async (req) => {
      await platform.residents.requestCode(req.body.idNumber, req.body.phone);
      return { sent: true };
    },
  );

  api.post(
    '/portal/login',
    {
      schema: {
        body: z.strictObject({
          idNumber: IdNumber,
          phone: Phone,
          code: z.string().regex(/^\d{6}$/, '验证码为6位数字 / the code has 6 digits'),
        }),
        tags,
      },
      config: { access: 'public', ...limit },
    },
    async (req, reply) => {
      const { token } = await platform.residents.login(req.body.idNumber, req.body.phone, req.body.code, req.ip);
      reply.setCookie(RESIDENT_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: 'auto' });
      return { ok: true };
    },
  );

  api.post('/portal/logout', { schema: { tags }, config: { access: 'public' } }, async (req, reply) => {
    const token = req.cookies[RESIDENT_COOKIE];
    if (token) await platform.auth.logout(token);
    reply.clearCookie(RESIDENT_COOKIE, { path: '/' });
    return { ok: true };
  });

  api.get('/portal/me', { schema: { tags }, config: { access: 'resident' } }, async (req) => {
    const actor = actorOf(req);
    const personId = actor.personId ?? '';
    const db = platform.db;
    const person = await findResidentSelf(db, personId);
    const hh = await findResidentHousehold(db, personId);
    const today = todayInChina();
    const household = hh
      ? {
          householdNo: hh.household_no,
          address: hh.address,
          regionName: safeRegionName(hh.region_code),
          // Other members' names are masked even to their own family on a shared phone screen.
          members: (await listHouseholdMembersForResident(db, hh.id)).map((m) => ({
            name: m.person_id === personId ? m.name : maskName(m.name),
            relationName: dictionaryLabel('relation', m.relation_code),
            age: ageOn(m.birth_date, today),
          })),
        }
      : null;
    const cases = await listResidentCases(db, personId, hh?.id ?? null);
    return {
      name: person.name,
      idNumberMasked: person.id_masked,
      phoneMasked: person.phone_masked,
      household,
      cases: cases.map((c) => {
        const def = platform.workflow.getDefinition(c.workflow);
        return {
          caseNo: c.case_no,
          title: c.title,
          stateName: findState(def, c.state)?.nameZh ?? c.state,
          receivedOn: c.received_on,
          dueOn: c.due_on,
        };
      }),
    };
  });
}
