import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../platform.ts';
import { actorOf } from '../../server/access.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { safeRegionName } from '../region/region-name.ts';
import { dictionaryHas } from '../registry/dictionaries.ts';
import { RegionCode } from '../registry/registry.schema.ts';
import { AppError, notFound } from '../shared/errors.ts';
import { isInScope } from './actor.ts';
import {
  findOrgInScope,
  findUserInScope,
  insertOrg,
  insertUser,
  listOrgs,
  listRoles,
  listUsers,
  setUserRoles,
} from './admin.repository.ts';
import { hashPassword } from './auth.service.ts';
import { checkPasswordComplexity } from './password-policy.ts';
import { ROLES } from './roles.ts';

const RoleCodes = z
  .array(z.enum(ROLES.map((r) => r.code) as [string, ...string[]]))
  .min(1, '至少选择一个角色 / pick at least one role');
const outsideScope = () =>
  new AppError('request.invalid', '数据范围超出您的管辖范围', 'the data scope is outside your own', [
    { field: 'regionScope', message_zh: '超出您的管辖范围', message_en: 'outside your jurisdiction' },
  ]);

/** Users, roles and organisations, each limited to the administrator's own jurisdiction. */
export function registerAdminRoutes(app: FastifyInstance, platform: Platform): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['admin'];
  const db = platform.db;

  api.get(
    '/users',
    {
      schema: {
        querystring: z.strictObject({
          q: z.string().trim().max(50).optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(20),
        }),
        tags,
      },
      config: { access: 'admin:users' },
    },
    async (req) => {
      const { total, rows } = await listUsers(
        db,
        actorOf(req),
        req.query.q,
        req.query.pageSize,
        (req.query.page - 1) * req.query.pageSize,
      );
      return {
        total,
        items: rows.map((u) => ({
          id: u.id,
          username: u.username,
          displayName: u.display_name,
          orgId: u.org_id,
          orgName: u.org_name,
          regionScope: u.region_scope,
          regionScopeName: safeRegionName(u.region_scope),
          roles: u.roles ?? [],
          isActive: u.is_active,
          lockedUntil: u.locked_until ? new Date(u.locked_until).toISOString() : null,
        })),
      };
    },
  );

  api.post(
    '/users',
    {
      schema: {
        body: z.strictObject({
          username: z
            .string()
            .trim()
            .regex(/^[a-zA-Z0-9_.-]{3,32}$/, '用户名为3-32位字母数字 / 3-32 letters, digits, _ . -'),
          displayName: z.string().trim().min(1).max(50),
          password: z.string().min(1).max(128),
          orgId: z.uuid(),
          regionScope: RegionCode,
          roles: RoleCodes,
        }),
        tags,
      },
      config: { access: 'admin:users' },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const b = req.body;
      if (!isInScope(actor, b.regionScope)) throw outsideScope();
      const check = checkPasswordComplexity(b.password, b.username);
      if (!check.ok)
        throw new AppError('auth.password_weak', check.zh, check.en, [
          { field: 'password', message_zh: check.zh, message_en: check.en },
        ]);
      if (!(await findOrgInScope(db, actor, b.orgId))) throw notFound('organisation', '机构');
      const passwordHash = await hashPassword(b.password);
      const id = await db.transaction(async (tx) => {
        const newId = await insertUser(tx, { ...b, passwordHash, mustChangePassword: true });
        if (!newId) {
          throw new AppError('conflict.duplicate', '用户名已存在', 'the user name is taken', [
            { field: 'username', message_zh: '用户名已存在', message_en: 'taken' },
          ]);
        }
        await setUserRoles(tx, newId, b.roles);
        await recordAudit(tx, actor, {
          action: 'user.create',
          entityType: 'user',
          entityId: newId,
          regionCode: b.regionScope,
          detail: { roles: b.roles },
        });
        return newId;
      });
      reply.code(201);
      return { id };
    },
  );

  api.patch(
    '/users/:id',
    {
      schema: {
        params: z.strictObject({ id: z.uuid() }),
        body: z.strictObject({
          displayName: z.string().trim().min(1).max(50).optional(),
          isActive: z.boolean().optional(),
          roles: RoleCodes.optional(),
          regionScope: RegionCode.optional(),
        }),
        tags,
      },
      config: { access: 'admin:users' },
    },
    async (req) => {
      const actor = actorOf(req);
      const user = await findUserInScope(db, actor, req.params.id);
      if (!user) throw notFound('user', '用户');
      const b = req.body;
      if (b.regionScope && !isInScope(actor, b.regionScope)) throw outsideScope();
      await db.transaction(async (tx) => {
        if (b.displayName !== undefined)
          await tx.query('UPDATE app_user SET display_name = $2 WHERE id = $1', [user.id, b.displayName]);
        if (b.regionScope !== undefined)
          await tx.query('UPDATE app_user SET region_scope = $2 WHERE id = $1', [user.id, b.regionScope]);
        if (b.isActive !== undefined) {
          await tx.query('UPDATE app_user SET is_active = $2 WHERE id = $1', [user.id, b.isActive]);
          if (!b.isActive)
            await tx.query('UPDATE session SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [
              user.id,
            ]);
        }
        if (b.roles) await setUserRoles(tx, user.id, b.roles);
        await tx.query('UPDATE app_user SET version = version + 1 WHERE id = $1', [user.id]);
        await recordAudit(tx, actor, {
          action: 'user.update',
          entityType: 'user',
          entityId: user.id,
          regionCode: user.region_scope,
          detail: b,
        });
      });
      return { ok: true };
    },
  );

  api.post(
    '/users/:id/unlock',
    { schema: { params: z.strictObject({ id: z.uuid() }), tags }, config: { access: 'admin:users' } },
    async (req) => {
      const actor = actorOf(req);
      const user = await findUserInScope(db, actor, req.params.id);
      if (!user) throw notFound('user', '用户');
      await db.transaction(async (tx) => {
        await tx.query('UPDATE app_user SET locked_until = NULL, failed_attempts = 0 WHERE id = $1', [user.id]);
        await recordAudit(tx, actor, {
          action: 'user.unlock',
          entityType: 'user',
          entityId: user.id,
          regionCode: user.region_scope,
        });
      });
      return { ok: true };
    },
  );

  api.get('/roles', { schema: { tags }, config: { access: 'staff' } }, async () =>
    (await listRoles(db)).map((r) => ({
      code: r.code,
      nameZh: r.name_zh,
      nameEn: r.name_en,
      level: r.level,
      permissions: r.permissions,
      businessLines: r.business_lines,
    })),
  );

  api.get('/orgs', { schema: { tags }, config: { access: 'staff' } }, async (req) =>
    (await listOrgs(db, actorOf(req))).map((o) => ({
      id: o.id,
      name: o.name,
      kind: o.kind,
      regionCode: o.region_code,
      regionName: safeRegionName(o.region_code),
      parentId: o.parent_id,
    })),
  );

  api.post(
    '/orgs',
    {
      schema: {
        body: z.strictObject({
          name: z.string().trim().min(2).max(100),
          kind: z.string().refine((k) => dictionaryHas('org_kind', k), '未知的机构类型 / unknown organisation kind'),
          regionCode: RegionCode,
          parentId: z.uuid().optional(),
        }),
        tags,
      },
      config: { access: 'admin:orgs' },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      if (!isInScope(actor, req.body.regionCode)) throw outsideScope();
      if (req.body.parentId && !(await findOrgInScope(db, actor, req.body.parentId)))
        throw notFound('organisation', '上级机构');
      const id = await db.transaction(async (tx) => {
        const newId = await insertOrg(tx, { ...req.body, parentId: req.body.parentId ?? null });
        await recordAudit(tx, actor, {
          action: 'org.create',
          entityType: 'organisation',
          entityId: newId,
          regionCode: req.body.regionCode,
        });
        return newId;
      });
      reply.code(201);
      return { id };
    },
  );
}
