import type { Queryable } from '../../../db/database.ts';
import { addMonths, monthOf } from '../rules/dates.ts';

/**
 * 临时救助 grants kept as enrollments (enrollment-basis.ts INSTALMENT_PROGRAMMES): the emergency advances an
 * expenditure grant deducts, and the household an advance is paid through.
 */

/** Months back an emergency advance still counts against an expenditure grant (the need counted is 12 months'). */
export const ADVANCE_DEDUCTION_MONTHS = 12;

/**
 * Emergency advances of the household granted in the 12 months up to `onDate` and not yet deducted by an
 * expenditure grant (an expenditure enrollment lists those it deducted in basis.deductedAdvanceIds). An advance
 * stopped before it was paid does not count.
 */
export async function emergencyAdvancesToDeduct(
  q: Queryable,
  householdId: string,
  onDate: string,
): Promise<{ ids: string[]; totalFen: number }> {
  const month = monthOf(onDate);
  const { rows } = await q.query<{ id: string; amount_fen: number }>(
    `SELECT e.id, e.amount_fen FROM assistance_enrollment e
      WHERE e.household_id = $1 AND e.programme = 'temporaryAssistanceEmergency'
        AND e.start_month > $2::date AND e.start_month <= $3::date
        AND NOT (e.status = 'exited' AND (e.end_month IS NULL OR e.end_month < e.start_month))
        AND NOT EXISTS (
          SELECT 1 FROM assistance_enrollment x
           WHERE x.household_id = e.household_id AND x.programme = 'temporaryAssistanceExpenditure'
             AND x.basis -> 'deductedAdvanceIds' @> to_jsonb(e.id::text))
      ORDER BY e.start_month, e.id`,
    [householdId, `${addMonths(month, -ADVANCE_DEDUCTION_MONTHS)}-01`, `${month}-01`],
  );
  return { ids: rows.map((r) => r.id), totalFen: rows.reduce((sum, r) => sum + r.amount_fen, 0) };
}

/** The household a person belongs to now (current membership, else the one they head); null if none. */
export async function currentHouseholdOf(q: Queryable, personId: string): Promise<string | null> {
  const { rows } = await q.query<{ household_id: string }>(
    `SELECT household_id FROM household_member WHERE person_id = $1 AND valid_to IS NULL
     UNION ALL
     SELECT id FROM household WHERE head_person_id = $1
     LIMIT 1`,
    [personId],
  );
  return rows[0]?.household_id ?? null;
}
