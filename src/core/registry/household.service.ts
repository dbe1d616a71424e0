import type { Database } from '../../db/database.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { type Actor, isInScope } from '../auth/actor.ts';
import { emitEvent } from '../events/event-bus.ts';
import { safeRegionName } from '../region/region-name.ts';
import { AppError, notFound } from '../shared/errors.ts';
import { todayInChina } from '../workflow/working-days.ts';
import { dictionaryLabel } from './dictionaries.ts';
import {
  closeMembership,
  countHouseholds,
  findCurrentMembership,
  findHouseholdInScope,
  insertHousehold,
  insertMembership,
  listHouseholds,
  listMemberships,
  type MemberRow,
} from './household.repository.ts';
import { findPersonInScope } from './person.repository.ts';
import type { HouseholdQuery } from './registry.schema.ts';
import { ageOn, requirePermission } from './registry.service.ts';

/** Households and their membership history: joining and leaving append rows, the past is never rewritten. */
export class HouseholdService {
  private readonly db: Database;

  constructor(db: Database) {
    this.db = db;
  }

  async searchHouseholds(actor: Actor, q: HouseholdQuery) {
    requirePermission(actor, 'registry:read');
    const f = { q: q.q || undefined, regionPrefix: q.regionCode };
    const [total, rows] = await Promise.all([
      countHouseholds(this.db, actor, f),
      listHouseholds(this.db, actor, f, q.pageSize, (q.page - 1) * q.pageSize),
    ]);
    return {
      total,
      items: rows.map((h) => ({
        id: h.id,
        householdNo: h.household_no,
        headPersonId: h.head_person_id,
        headName: h.head_name,
        address: h.address,
        regionCode: h.region_code,
        regionName: safeRegionName(h.region_code),
        memberCount: h.member_count,
      })),
    };
  }

  async getHousehold(actor: Actor, id: string) {
    requirePermission(actor, 'registry:read');
    const h = await findHouseholdInScope(this.db, actor, id);
    if (!h) throw notFound('household', '家庭');
    const all = await listMemberships(this.db, id);
    const today = todayInChina();
    const present = (m: MemberRow) => ({
      personId: m.person_id,
      name: m.name,
      sex: m.sex,
      age: ageOn(m.birth_date, today),
      idNumberMasked: m.id_masked,
      relationCode: m.relation_code,
      relationName: dictionaryLabel('relation', m.relation_code),
      validFrom: m.valid_from,
      validTo: m.valid_to,
    });
    return {
      id: h.id,
      householdNo: h.household_no,
      headPersonId: h.head_person_id,
      headName: h.head_name,
      address: h.address,
      regionCode: h.region_code,
      regionName: safeRegionName(h.region_code),
      memberCount: h.member_count,
      version: h.version,
      members: all.filter((m) => m.valid_to === null).map(present),
      history: all.map(present),
    };
  }

  async createHousehold(
    actor: Actor,
    input: { address: string; regionCode: string; headPersonId: string; validFrom?: string },
  ) {
    requirePermission(actor, 'registry:write');
    if (!isInScope(actor, input.regionCode)) throw notFound('region', '区划');
    const id = await this.db.transaction(async (tx) => {
      const head = await findPersonInScope(tx, actor, input.headPersonId);
      if (!head) throw notFound('person', '居民');
      const current = await findCurrentMembership(tx, head.id);
      const validFrom = input.validFrom ?? todayInChina();
      if (current) await closeMembership(tx, current.id, validFrom);
      const created = await insertHousehold(tx, input);
      await insertMembership(tx, { householdId: created.id, personId: head.id, relationCode: '02', validFrom });
      await recordAudit(tx, actor, {
        action: 'household.create',
        entityType: 'household',
        entityId: created.id,
        regionCode: input.regionCode,
      });
      return created.id;
    });
    return this.getHousehold(actor, id);
  }

  /** Joining a household ends the person's current membership elsewhere on the same day; history is kept. */
  async addMember(
    actor: Actor,
    householdId: string,
    input: { personId: string; relationCode: string; validFrom: string },
  ) {
    requirePermission(actor, 'registry:write');
    await this.db.transaction(async (tx) => {
      const h = await findHouseholdInScope(tx, actor, householdId);
      if (!h) throw notFound('household', '家庭');
      const p = await findPersonInScope(tx, actor, input.personId);
      if (!p) throw notFound('person', '居民');
      const current = await findCurrentMembership(tx, p.id);
      if (current?.household_id === householdId) {
        throw new AppError(
          'conflict.duplicate',
          '该居民已是本户成员',
          'the person is already a member of this household',
          [{ field: 'personId', message_zh: '已是本户成员', message_en: 'already a member' }],
        );
      }
      if (current && current.valid_from > input.validFrom) {
        throw new AppError(
          'request.invalid',
          '加入日期早于其在原家庭的起始日期',
          'the join date is before the current membership began',
          [
            {
              field: 'validFrom',
              message_zh: `不能早于 ${current.valid_from}`,
              message_en: `must not be before ${current.valid_from}`,
            },
          ],
        );
      }
      if (current) await closeMembership(tx, current.id, input.validFrom);
      await insertMembership(tx, { householdId, ...input });
      await recordAudit(tx, actor, {
        action: 'household.member_add',
        entityType: 'household',
        entityId: householdId,
        regionCode: h.region_code,
        detail: { personId: p.id, relationCode: input.relationCode, movedFrom: current?.household_id ?? null },
      });
      await emitEvent(
        tx,
        'household.member_joined',
        { householdId, personId: p.id, fromHouseholdId: current?.household_id ?? null },
        h.region_code,
      );
    });
    return this.getHousehold(actor, householdId);
  }

  async removeMember(actor: Actor, householdId: string, personId: string, validTo: string) {
    requirePermission(actor, 'registry:write');
    await this.db.transaction(async (tx) => {
      const h = await findHouseholdInScope(tx, actor, householdId);
      if (!h) throw notFound('household', '家庭');
      const current = await findCurrentMembership(tx, personId);
      if (!current || current.household_id !== householdId) throw notFound('member', '家庭成员');
      if (validTo < current.valid_from) {
        throw new AppError('request.invalid', '离开日期早于加入日期', 'the leaving date is before the joining date', [
          {
            field: 'validTo',
            message_zh: `不能早于 ${current.valid_from}`,
            message_en: `must not be before ${current.valid_from}`,
          },
        ]);
      }
      await closeMembership(tx, current.id, validTo);
      await recordAudit(tx, actor, {
        action: 'household.member_leave',
        entityType: 'household',
        entityId: householdId,
        regionCode: h.region_code,
        detail: { personId },
      });
      await emitEvent(tx, 'household.member_left', { householdId, personId, validTo }, h.region_code);
    });
    return this.getHousehold(actor, householdId);
  }
}
