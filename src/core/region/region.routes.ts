import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../server/access.ts';
import { isInScope } from '../auth/actor.ts';
import { notFound } from '../shared/errors.ts';
import { childrenOf, findRegion, hasChildren, regionFullName, searchRegions } from './region-tree.ts';

const Code = z
  .string()
  .regex(
    /^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/,
    '区划代码应为2/4/6/9/12位数字 / region code must have 2, 4, 6, 9 or 12 digits',
  );

/** Region tree for pickers: only the caller's jurisdiction and below (dropdowns obey the data scope too). */
export function registerRegionRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['regions'];
  const node = (code: string) => {
    const r = findRegion(code);
    if (!r) throw notFound('region', '区划');
    return { code: r.code, name: r.name, level: r.level, hasChildren: hasChildren(r.code) };
  };

  api.get(
    '/regions/children',
    { schema: { querystring: z.strictObject({ parent: Code.optional() }), tags }, config: { access: 'staff' } },
    (req) => {
      const actor = actorOf(req);
      if (!req.query.parent) return actor.regionScope ? [node(actor.regionScope)] : [];
      if (!isInScope(actor, req.query.parent)) throw notFound('region', '区划');
      return childrenOf(req.query.parent).map((c) => node(c.code));
    },
  );

  api.get(
    '/regions/search',
    {
      schema: { querystring: z.strictObject({ q: z.string().trim().min(1).max(30) }), tags },
      config: { access: 'staff' },
    },
    (req) => {
      const actor = actorOf(req);
      return searchRegions(req.query.q, { withinPrefix: actor.regionScope || undefined, limit: 30 }).map((r) => ({
        code: r.code,
        name: r.name,
        level: r.level,
        path: regionFullName(r.code),
      }));
    },
  );

  api.get(
    '/regions/:code',
    { schema: { params: z.strictObject({ code: Code }), tags }, config: { access: 'staff' } },
    (req) => {
      const actor = actorOf(req);
      const r = findRegion(req.params.code);
      // Ancestors of one's own scope are readable by name (breadcrumbs); siblings are not.
      if (!r || !(isInScope(actor, r.code) || actor.regionScope.startsWith(r.code))) throw notFound('region', '区划');
      return { code: r.code, name: r.name, level: r.level, path: regionFullName(r.code), parent: r.parentCode };
    },
  );
}
