import type { Database } from '../../db/database.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { type Actor, hasPermission, isInScope } from '../auth/actor.ts';
import { emitEvent } from '../events/event-bus.ts';
import { safeRegionName } from '../region/region-name.ts';
import type { FieldCipher } from '../shared/crypto.ts';
import { AppError, notFound } from '../shared/errors.ts';
import { maskIdNumber, maskPhone } from '../shared/masking.ts';
import { todayInChina } from '../workflow/working-days.ts';
import { dictionaryLabel } from './dictionaries.ts';
import { checkIdNumber } from './id-number.ts';
import {
  countPersons,
  findPersonInScope,
  findSecretsInScope,
  insertPerson,
  listPersons,
  type PersonFilter,
  type PersonRow,
  updatePersonIfVersion,
} from './person.repository.ts';
import type { PersonCreate, PersonQuery, PersonUpdate } from './registry.schema.ts';

export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

export function requirePermission(actor: Actor, permission: string): void {
  if (!hasPermission(actor, permission)) {
    throw new AppError('auth.forbidden', '您没有该操作的权限', `permission ${permission} is required`);
  }
}

/** Person and household registry: the shared base every business line reads. */
export class RegistryService {
  private readonly db: Database;
  private readonly cipher: FieldCipher;

  constructor(db: Database, cipher: FieldCipher) {
    this.db = db;
    this.cipher = cipher;
  }

  presentPerson(r: PersonRow) {
    const today = todayInChina();
    return {
      id: r.id,
      name: r.name,
      sex: r.sex,
      sexName: dictionaryLabel('sex', r.sex),
      birthDate: r.birth_date,
      age: ageOn(r.birth_date, today),
      idNumberMasked: r.id_masked,
      phoneMasked: r.phone_masked,
      regionCode: r.region_code,
      regionName: safeRegionName(r.region_code),
      householdId: r.household_id,
      householdNo: r.household_no,
      relationCode: r.relation_code,
      disabilityCategory: r.disability_category,
      disabilityLevel: r.disability_level,
    };
  }

  presentPersonDetail(r: PersonRow) {
    return {
      ...this.presentPerson(r),
      ethnicity: r.ethnicity,
      hukouRegionCode: r.hukou_region_code,
      healthStatus: r.health_status,
      labourCapacity: r.labour_capacity,
      employmentStatus: r.employment_status,
      monthlyIncomeFen: r.monthly_income_fen,
      deceasedOn: r.deceased_on,
      createdAt: new Date(r.created_at).toISOString(),
      updatedAt: new Date(r.updated_at).toISOString(),
      version: r.version,
    };
  }

  private personFilter(q: Pick<PersonQuery, 'q' | 'idNumber' | 'regionCode' | 'householdId'>): PersonFilter {
    return {
      namePrefix: q.q || undefined,
      idIndex: q.idNumber ? this.cipher.blindIndex(q.idNumber) : undefined,
      regionPrefix: q.regionCode,
      householdId: q.householdId,
    };
  }

  async searchPersons(actor: Actor, q: PersonQuery) {
    requirePermission(actor, 'registry:read');
    const f = this.personFilter(q);
    if (f.idIndex) {
      // An exact ID lookup matches at most one person: no separate count.
      const rows = await listPersons(this.db, actor, f, 1, 0);
      return { total: rows.length, items: q.page === 1 ? rows.map((r) => this.presentPerson(r)) : [] };
    }
    const [total, rows] = await Promise.all([
      countPersons(this.db, actor, f),
      listPersons(this.db, actor, f, q.pageSize, (q.page - 1) * q.pageSize),
    ]);
    return { total, items: rows.map((r) => this.presentPerson(r)) };
  }

  /** One page of persons without the total count (exports walk pages with it). */
  async listPersonsPage(actor: Actor, q: Omit<PersonQuery, 'page' | 'pageSize'>, limit: number, offset: number) {
    requirePermission(actor, 'registry:read');
    const rows = await listPersons(this.db, actor, this.personFilter(q), limit, offset);
    return rows.map((r) => this.presentPerson(r));
  }

  async getPerson(actor: Actor, id: string) {
    requirePermission(actor, 'registry:read');
    const row = await findPersonInScope(this.db, actor, id);
    if (!row) throw notFound('person', '居民');
    return this.presentPersonDetail(row);
  }

  /** Full ID number and phone: needs the reveal permission and a reason, and leaves an audit row. */
  async revealPerson(actor: Actor, id: string, reason: string) {
    requirePermission(actor, 'registry:reveal');
    return this.db.transaction(async (tx) => {
      const secrets = await findSecretsInScope(tx, actor, id);
      if (!secrets) throw notFound('person', '居民');
      await recordAudit(tx, actor, {
        action: 'person.reveal',
        entityType: 'person',
        entityId: id,
        regionCode: secrets.region_code,
        reason,
      });
      return {
        idNumber: this.cipher.decrypt(secrets.id_cipher),
        phone: secrets.phone_cipher ? this.cipher.decrypt(secrets.phone_cipher) : null,
      };
    });
  }

  async createPerson(actor: Actor, input: PersonCreate) {
    requirePermission(actor, 'registry:write');
    if (!isInScope(actor, input.regionCode)) {
      throw new AppError('request.invalid', '居住地不在您的管辖范围内', 'the residence is outside your jurisdiction', [
        { field: 'regionCode', message_zh: '不在您的管辖范围内', message_en: 'outside your jurisdiction' },
      ]);
    }
    const parsed = checkIdNumber(input.idNumber);
    if (!parsed.ok) throw new AppError('request.invalid', '身份证号无效', 'invalid ID number');
    const id = await this.db.transaction(async (tx) => {
      const newId = await insertPerson(tx, {
        idCipher: this.cipher.encrypt(parsed.value.idNumber),
        idIndex: this.cipher.blindIndex(parsed.value.idNumber),
        idMasked: maskIdNumber(parsed.value.idNumber),
        name: input.name,
        sex: parsed.value.sex,
        birthDate: parsed.value.birthDate,
        ethnicity: input.ethnicity,
        phoneCipher: input.phone ? this.cipher.encrypt(input.phone) : null,
        phoneIndex: input.phone ? this.cipher.blindIndex(input.phone) : null,
        phoneMasked: input.phone ? maskPhone(input.phone) : null,
        hukouRegionCode: input.hukouRegionCode ?? input.regionCode.slice(0, 6),
        regionCode: input.regionCode,
        disabilityCategory: input.disabilityCategory ?? null,
        disabilityLevel: input.disabilityLevel ?? null,
        healthStatus: input.healthStatus,
        labourCapacity: input.labourCapacity,
        employmentStatus: input.employmentStatus,
        monthlyIncomeFen: input.monthlyIncomeFen,
      });
      if (!newId) {
        throw new AppError(
          'conflict.duplicate',
          '该身份证号已登记',
          'a person with this ID number is already registered',
          [{ field: 'idNumber', message_zh: '该身份证号已登记', message_en: 'already registered' }],
        );
      }
      await recordAudit(tx, actor, {
        action: 'person.create',
        entityType: 'person',
        entityId: newId,
        regionCode: input.regionCode,
      });
      await emitEvent(tx, 'person.registered', { personId: newId }, input.regionCode);
      return newId;
    });
    return this.getPerson(actor, id);
  }

  async updatePerson(actor: Actor, id: string, patch: PersonUpdate) {
    requirePermission(actor, 'registry:write');
    await this.db.transaction(async (tx) => {
      const row = await findPersonInScope(tx, actor, id);
      if (!row) throw notFound('person', '居民');
      if (patch.regionCode && !isInScope(actor, patch.regionCode)) {
        throw new AppError(
          'request.invalid',
          '新居住地不在您的管辖范围内',
          'the new residence is outside your jurisdiction',
          [{ field: 'regionCode', message_zh: '不在您的管辖范围内', message_en: 'outside your jurisdiction' }],
        );
      }
      const set: Record<string, unknown> = {};
      const map: Record<string, string> = {
        name: 'name',
        ethnicity: 'ethnicity',
        regionCode: 'region_code',
        disabilityCategory: 'disability_category',
        disabilityLevel: 'disability_level',
        healthStatus: 'health_status',
        labourCapacity: 'labour_capacity',
        employmentStatus: 'employment_status',
        monthlyIncomeFen: 'monthly_income_fen',
        deceasedOn: 'deceased_on',
      };
      for (const [k, col] of Object.entries(map)) {
        const v = (patch as Record<string, unknown>)[k];
        if (v !== undefined) set[col] = v;
      }
      if (patch.phone !== undefined) {
        set.phone_cipher = patch.phone ? this.cipher.encrypt(patch.phone) : null;
        set.phone_index = patch.phone ? this.cipher.blindIndex(patch.phone) : null;
        set.phone_masked = patch.phone ? maskPhone(patch.phone) : null;
      }
      if (!(await updatePersonIfVersion(tx, id, patch.version, set))) {
        throw new AppError(
          'conflict.version',
          '该记录已被他人修改,请刷新后重试',
          'the record was changed by someone else; reload',
        );
      }
      if (Object.keys(set).length === 0) return;
      await recordAudit(tx, actor, {
        action: 'person.update',
        entityType: 'person',
        entityId: id,
        regionCode: row.region_code,
        detail: { fields: Object.keys(set).filter((c) => !c.endsWith('_cipher') && !c.endsWith('_index')) },
      });
      if (patch.deceasedOn && patch.deceasedOn !== row.deceased_on) {
        // Other lines (assistance, subsidies) stop their benefits from the following month on this event.
        await emitEvent(tx, 'person.deceased', { personId: id, deceasedOn: patch.deceasedOn }, row.region_code);
      }
    });
    return this.getPerson(actor, id);
  }
}
