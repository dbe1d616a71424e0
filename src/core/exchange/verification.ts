import type { Queryable } from '../../db/database.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { type Actor, coversBusinessLine, scopePattern } from '../auth/actor.ts';
import { AppError, notFound } from '../shared/errors.ts';
import { todayInChina } from '../workflow/working-days.ts';
import { DEPARTMENTS } from './catalogue.ts';
import { type FoundRecord, summariseVerification, type VerificationSummary } from './verification-summary.ts';

/** Each category's answer kept with the case: what was asked (members) and what each department returned. */
export interface CategoryAnswer {
  categoryCode: string;
  departmentCode: string;
  nameZh: string;
  nameEn: string;
  found: number;
  records: Array<{
    id: number;
    personId: string;
    occurredOn: string | null;
    amountFen: number | null;
    payload: Record<string, unknown>;
  }>;
}

export interface VerificationResult {
  verificationId: string;
  householdId: string;
  caseId: string | null;
  regionCode: string;
  members: Array<{ personId: string; name: string; idMasked: string }>;
  summary: VerificationSummary;
  answers: CategoryAnswer[];
}

const LINE = 'assistance';

/**
 * Every record about the members, through their blind indexes (exchange_record_subject_idx once per member). One
 * table and an array parameter: cheap to plan as well as to run, since the plan is not cached between calls.
 */
const RECORDS_SQL = `
  SELECT r.id::int AS id, encode(r.subject_index, 'hex') AS subject, r.category_code AS "categoryCode",
         to_char(r.occurred_on, 'YYYY-MM-DD') AS "occurredOn", r.amount_fen::float8 AS "amountFen", r.payload
  FROM exchange_record r
  WHERE r.subject_index = ANY (SELECT decode(x, 'hex') FROM unnest($1::text[]) AS x)`;

async function authorisedCase(
  tx: Queryable,
  actor: Actor,
  householdId: string,
  caseId: string | null | undefined,
): Promise<string> {
  const missing = () =>
    new AppError(
      'exchange.authorisation_missing',
      '该户尚未上传签字的核对授权书,不能查询部门数据',
      "the household's signed authorisation for data checks is not on file",
      [{ field: 'caseId', message_zh: '请先上传核对授权书', message_en: 'upload the signed authorisation first' }],
    );
  if (caseId) {
    const { rows } = await tx.query<{ authorisation_document_id: string | null }>(
      `SELECT authorisation_document_id FROM assistance_application
       WHERE case_id = $1 AND household_id = $2 AND region_code LIKE $3`,
      [caseId, householdId, scopePattern(actor)],
    );
    if (!rows[0]) throw notFound('case', '办件');
    if (!rows[0].authorisation_document_id) throw missing();
    return caseId;
  }
  const { rows } = await tx.query<{ case_id: string }>(
    `SELECT case_id FROM assistance_application
     WHERE household_id = $1 AND authorisation_document_id IS NOT NULL AND region_code LIKE $2
     ORDER BY created_at DESC LIMIT 1`,
    [householdId, scopePattern(actor)],
  );
  if (!rows[0]) throw missing();
  return rows[0].case_id;
}

/**
 * Household economic verification 核对 (DOMAIN §1.5): with the household's signed authorisation on file (its
 * assistance application's authorisation document; the latest one when no case is named), queries every enabled
 * category for each current member, keeps every category's answer with the case and returns the summary. Outside
 * the actor's jurisdiction or business line the household does not exist (404). Audited as a full read.
 */
export async function verifyHousehold(
  tx: Queryable,
  actor: Actor,
  input: { householdId: string; caseId?: string | null; asOf?: string },
): Promise<VerificationResult> {
  const { rows: households } = await tx.query<{ region_code: string }>(
    'SELECT region_code FROM household WHERE id = $1 AND region_code LIKE $2',
    [input.householdId, scopePattern(actor)],
  );
  if (!households[0] || !coversBusinessLine(actor, LINE)) throw notFound('household', '家庭');
  const regionCode = households[0].region_code;
  const caseId = await authorisedCase(tx, actor, input.householdId, input.caseId);
  const asOf = input.asOf ?? todayInChina();

  const { rows: memberRows } = await tx.query<{ personId: string; name: string; idMasked: string; subject: string }>(
    `SELECT p.id AS "personId", p.name, p.id_masked AS "idMasked", encode(p.id_index, 'hex') AS subject
     FROM household_member m JOIN person p ON p.id = m.person_id
     WHERE m.household_id = $1 AND m.valid_to IS NULL ORDER BY m.id`,
    [input.householdId],
  );
  const members = memberRows.map(({ subject: _s, ...m }) => m);
  const personOf = new Map(memberRows.map((m) => [m.subject, m.personId]));
  const { rows: categories } = await tx.query<{
    code: string;
    departmentCode: string;
    nameZh: string;
    nameEn: string;
  }>(
    `SELECT code, department_code AS "departmentCode", name_zh AS "nameZh", name_en AS "nameEn"
     FROM exchange_category WHERE enabled
     ORDER BY coalesce(array_position($1::text[], department_code), 999), department_code, code`,
    [DEPARTMENTS.map((d) => d.code)],
  );
  const enabled = new Set(categories.map((c) => c.code));
  const { rows: found } = await tx.query<Omit<FoundRecord, 'personId'> & { subject: string }>(RECORDS_SQL, [
    [...personOf.keys()],
  ]);
  const records: FoundRecord[] = found
    .filter((r) => enabled.has(r.categoryCode))
    .map(({ subject, ...r }) => ({ ...r, personId: personOf.get(subject) ?? '' }))
    .sort((a, b) =>
      a.categoryCode !== b.categoryCode
        ? a.categoryCode < b.categoryCode
          ? -1
          : 1
        : (a.occurredOn ?? '').localeCompare(b.occurredOn ?? '') || a.id - b.id,
    );
  const byCategory = new Map<string, FoundRecord[]>();
  for (const r of records) {
    const list = byCategory.get(r.categoryCode) ?? [];
    list.push(r);
    byCategory.set(r.categoryCode, list);
  }
  const answers: CategoryAnswer[] = categories.map((c) => {
    const found = byCategory.get(c.code) ?? [];
    return {
      categoryCode: c.code,
      departmentCode: c.departmentCode,
      nameZh: c.nameZh,
      nameEn: c.nameEn,
      found: found.length,
      records: found.map((r) => ({
        id: r.id,
        personId: r.personId,
        occurredOn: r.occurredOn,
        amountFen: r.amountFen,
        payload: r.payload,
      })),
    };
  });
  const summary = summariseVerification(records, { asOf });
  const { rows: saved } = await tx.query<{ id: string }>(
    `INSERT INTO exchange_verification (case_id, household_id, region_code, answers, summary, requested_by)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [caseId, input.householdId, regionCode, JSON.stringify(answers), JSON.stringify(summary), actor.id],
  );
  const verificationId = saved[0].id;
  await recordAudit(tx, actor, {
    action: 'exchange.verify',
    entityType: 'household',
    entityId: input.householdId,
    regionCode,
    detail: {
      verificationId,
      caseId,
      members: members.length,
      categories: categories.length,
      records: records.length,
      asOf,
    },
  });
  return { verificationId, householdId: input.householdId, caseId, regionCode, members, summary, answers };
}

/** A kept verification, in scope (404 otherwise); reading it again is a full read too. */
export async function getVerification(tx: Queryable, actor: Actor, id: string) {
  const { rows } = await tx.query<{
    id: string;
    caseId: string | null;
    householdId: string;
    regionCode: string;
    answers: CategoryAnswer[];
    summary: VerificationSummary;
    requestedBy: string;
    createdAt: string;
  }>(
    `SELECT id, case_id AS "caseId", household_id AS "householdId", region_code AS "regionCode", answers, summary,
            requested_by AS "requestedBy", created_at AS "createdAt"
     FROM exchange_verification WHERE id = $1 AND region_code LIKE $2`,
    [id, scopePattern(actor)],
  );
  if (!rows[0] || !coversBusinessLine(actor, LINE)) throw notFound('verification', '核对结果');
  await recordAudit(tx, actor, {
    action: 'exchange.verification.read',
    entityType: 'exchange_verification',
    entityId: id,
    regionCode: rows[0].regionCode,
  });
  return rows[0];
}

/** Verifications kept for a case or a household, newest first (summary only), in scope. */
export async function listVerifications(
  db: Queryable,
  actor: Actor,
  filter: { caseId?: string; householdId?: string },
) {
  if (!coversBusinessLine(actor, LINE)) return [];
  const { rows } = await db.query(
    `SELECT id, case_id AS "caseId", household_id AS "householdId", region_code AS "regionCode",
            requested_by AS "requestedBy", created_at AS "createdAt", summary
     FROM exchange_verification
     WHERE region_code LIKE $1 AND ($2::uuid IS NULL OR case_id = $2) AND ($3::uuid IS NULL OR household_id = $3)
     ORDER BY created_at DESC LIMIT 100`,
    [scopePattern(actor), filter.caseId ?? null, filter.householdId ?? null],
  );
  return rows;
}
