import type { Queryable } from '../../../db/database.ts';

/**
 * Payroll lines of the 临时救助 grants (enrollment basis kind 'instalments', enrollment-basis.ts): each instalment
 * is paid once, by the run of its month or — when it was granted after that run (an emergency advance) — by the
 * first later run. A line keeps the instalment's month (for_month), like a carried line.
 *
 * "Once" is checked against every line of the district's runs of the programme, whatever its status: a paid or
 * held instalment is not paid again, and a failed one is carried by carryFailedLines, not re-issued here. These
 * runs are small (one line per grant instalment), so the check reads the district's earlier lines of the
 * programme through payroll_line_run_idx; payroll_line_live_uq still refuses a second live line.
 */

export interface InstalmentLinesInput {
  runId: string;
  district: string;
  regionPrefix: string;
  programme: string;
  month: string;
  /** As RegionLinesInput.skipExisting: skip lines that would break payroll_line_live_uq. */
  skipExisting?: boolean;
}

/**
 * Inserts the instalments due by the run's month of one township's grants: payable, held while the grant is
 * suspended, none after an exit's end month (a death or exit stops the instalments after it).
 */
export async function insertInstalmentLinesForRegion(q: Queryable, input: InstalmentLinesInput): Promise<number> {
  const { rowCount } = await q.query(
    `WITH run AS (SELECT id FROM payroll_run WHERE id = $4::uuid AND status = 'computing'),
     earlier AS (
       SELECT l.enrollment_id, l.for_month FROM payroll_line l
        WHERE l.run_id IN (SELECT id FROM payroll_run WHERE district_code = $5 AND programme = $2)
          AND l.region_code LIKE $1
     ),
     due AS (
       SELECT e.id, e.household_id, e.region_code, e.status, e.members, e.basis->>'benefitVersionId' AS version_id,
              to_date(p.value->>'month', 'YYYY-MM') AS for_month, (p.value->>'amountFen')::int AS amount
         FROM assistance_enrollment e
         CROSS JOIN LATERAL jsonb_array_elements(e.basis->'payments') AS p(value)
        WHERE e.region_code LIKE $1 AND e.programme = $2 AND e.start_month <= $3::date
          AND e.basis->>'kind' = 'instalments'
          AND NOT (e.status = 'exited' AND e.end_month IS NULL)
          AND to_date(p.value->>'month', 'YYYY-MM') <= $3::date
          AND (e.end_month IS NULL OR to_date(p.value->>'month', 'YYYY-MM') <= e.end_month)
     )
     INSERT INTO payroll_line (run_id, enrollment_id, household_id, region_code, for_month, amount_fen, status,
                               members, policy_version_id)
     SELECT run.id, d.id, d.household_id, d.region_code, d.for_month, d.amount,
            CASE WHEN d.status = 'suspended' THEN 'held' ELSE 'payable' END, d.members, d.version_id
       FROM due d CROSS JOIN run
      WHERE d.amount > 0
        AND NOT EXISTS (SELECT 1 FROM earlier x WHERE x.enrollment_id = d.id AND x.for_month = d.for_month)
      ORDER BY d.id, d.for_month
     ${input.skipExisting ? 'ON CONFLICT DO NOTHING' : ''}`,
    [`${input.regionPrefix}%`, input.programme, `${input.month}-01`, input.runId, input.district],
  );
  return rowCount;
}
