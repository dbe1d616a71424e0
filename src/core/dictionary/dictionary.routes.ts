import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Platform } from '../../platform.ts';
import { actorOf } from '../../server/access.ts';
import { notFound } from '../shared/errors.ts';
import {
  DictionaryCodeParam,
  DictionaryItemsQuery,
  ItemParams,
  LocalItemCreate,
  LocalItemUpdate,
} from './dictionary.schema.ts';
import { addLocalItem, updateLocalItem } from './dictionary.service.ts';
import { dictionaryEntries, listCachedDictionaries } from './dictionary-cache.ts';

/** Code sets 字典: read by every staff member (dropdowns, valueEnum), local extensions by admin:dicts. */
export function registerDictionaryRoutes(app: FastifyInstance, platform: Platform): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['dictionaries'];

  api.get('/dictionaries', { schema: { tags }, config: { access: 'staff' } }, () => listCachedDictionaries());

  api.get(
    '/dictionaries/:code',
    { schema: { params: DictionaryCodeParam, querystring: DictionaryItemsQuery, tags }, config: { access: 'staff' } },
    (req) => {
      const items = dictionaryEntries(req.params.code, req.query.all === 'true');
      if (!items) throw notFound('dictionary', '代码表');
      return items;
    },
  );

  api.post(
    '/dictionaries/:code/items',
    { schema: { params: DictionaryCodeParam, body: LocalItemCreate, tags }, config: { access: 'admin:dicts' } },
    async (req, reply) => {
      const item = await addLocalItem(platform.db, actorOf(req), req.params.code, req.body);
      reply.code(201);
      return item;
    },
  );

  api.patch(
    '/dictionaries/:code/items/:value',
    { schema: { params: ItemParams, body: LocalItemUpdate, tags }, config: { access: 'admin:dicts' } },
    (req) => {
      const { version, ...patch } = req.body;
      return updateLocalItem(platform.db, actorOf(req), req.params.code, req.params.value, version, patch);
    },
  );
}
