import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../platform.ts';
import { actorOf, RESIDENT_COOKIE } from '../../server/access.ts';
import { dictionaryLabel } from '../registry/dictionaries.ts';
import { IdNumber, Phone } from '../registry/registry.schema.ts';
import { ageOn } from '../registry/registry.service.ts';
import { maskName } from '../shared/masking.ts';
import { safeRegionName } from '../workflow/workflow.service.ts';
import { todayInChina } from '../workflow/working-days.ts';

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
    const db = platform.db;
    const person = (
      await db.query<{ name: string; id_masked: string; phone_masked: string | null }>(
        'SELECT name, id_masked, phone_masked FROM person WHERE id = $1',
        [actor.personId],
      )
    ).rows[0];
    const hh = (
      await db.query<{ id: string; household_no: string; address: string; region_code: string }>(
        `SELECT h.id, h.household_no, h.address, h.region_code FROM household_member m JOIN household h ON h.id = m.household_id
         WHERE m.person_id = $1 AND m.valid_to IS NULL`,
        [actor.personId],
      )
    ).rows[0];
    let household = null;
    if (hh) {
      const members = await db.query<{ name: string; relation_code: string; birth_date: string; person_id: string }>(
        `SELECT p.name, m.relation_code, p.birth_date, p.id AS person_id FROM household_member m JOIN person p ON p.id = m.person_id
         WHERE m.household_id = $1 AND m.valid_to IS NULL ORDER BY m.relation_code`,
        [hh.id],
      );
      household = {
        householdNo: hh.household_no,
        address: hh.address,
        regionName: safeRegionName(hh.region_code),
        members: members.rows.map((m) => ({
          name: m.person_id === actor.personId ? m.name : maskName(m.name),
          relationName: dictionaryLabel('relation', m.relation_code),
          age: ageOn(m.birth_date, todayInChina()),
        })),
      };
    }
    const cases = await db.query<{
      case_no: string;
      title: string;
      state: string;
      workflow: string;
      received_on: string;
      due_on: string | null;
    }>(
      `SELECT case_no, title, state, workflow, received_on, due_on FROM wf_case
       WHERE (subject_type = 'person' AND subject_id = $1) OR (subject_type = 'household' AND subject_id = $2)
       ORDER BY opened_at DESC LIMIT 50`,
      [actor.personId, hh?.id ?? null],
    );
    return {
      name: person.name,
      idNumberMasked: person.id_masked,
      phoneMasked: person.phone_masked,
      household,
      cases: cases.rows.map((c) => {
        const def = platform.workflow.getDefinition(c.workflow);
        return {
          caseNo: c.case_no,
          title: c.title,
          stateName: def.states[c.state]?.nameZh ?? c.state,
          receivedOn: c.received_on,
          dueOn: c.due_on,
        };
      }),
    };
  });
}
