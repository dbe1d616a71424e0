import type { Queryable } from '../../../db/database.ts';

/** Reports (定期报告, change reports), overpayments and the payments shown with an enrollment. */

export async function listReports(q: Queryable, enrollmentId: string) {
  const { rows } = await q.query<{
    id: string;
    kind: string;
    period: string | null;
    content: Record<string, unknown>;
    status: string;
    review_note: string | null;
    reviewed_by: string | null;
    reviewed_at: string | null;
    submitted_by: string;
    created_at: string;
  }>(
    `SELECT id, kind, period, content, status, review_note, reviewed_by, reviewed_at, submitted_by, created_at
       FROM assistance_report WHERE enrollment_id = $1 ORDER BY created_at DESC, id`,
    [enrollmentId],
  );
  return rows;
}

export async function listOverpayments(q: Queryable, enrollmentId: string) {
  const { rows } = await q.query<{
    id: string;
    amount_fen: number;
    fine_fen: number;
    reason: string;
    recovered_fen: number;
    status: string;
    created_by: string;
    created_at: string;
  }>(
    `SELECT id, amount_fen, fine_fen, reason, recovered_fen, status, created_by, created_at
       FROM assistance_overpayment WHERE enrollment_id = $1 ORDER BY created_at, id`,
    [enrollmentId],
  );
  return rows;
}

export async function insertReport(
  tx: Queryable,
  r: { enrollmentId: string; regionCode: string; kind: string; period: string | null; content: unknown; by: string },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO assistance_report (enrollment_id, region_code, kind, period, content, submitted_by)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [r.enrollmentId, r.regionCode, r.kind, r.period, JSON.stringify(r.content), r.by],
  );
  return rows[0].id;
}

export async function reviewReportRow(
  tx: Queryable,
  scopePrefix: string,
  reportId: string,
  note: string,
  by: string,
): Promise<{ enrollment_id: string; region_code: string } | undefined> {
  const { rows } = await tx.query<{ enrollment_id: string; region_code: string }>(
    `UPDATE assistance_report SET status = 'reviewed', review_note = $3, reviewed_by = $4, reviewed_at = now()
      WHERE id = $1 AND region_code LIKE $2 AND status = 'submitted'
      RETURNING enrollment_id, region_code`,
    [reportId, `${scopePrefix}%`, note, by],
  );
  return rows[0];
}

export async function insertOverpayment(
  tx: Queryable,
  o: { enrollmentId: string; regionCode: string; amountFen: number; fineFen: number; reason: string; by: string },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO assistance_overpayment (enrollment_id, region_code, amount_fen, fine_fen, reason, created_by)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [o.enrollmentId, o.regionCode, o.amountFen, o.fineFen, o.reason, o.by],
  );
  return rows[0].id;
}

/**
 * The latest payroll lines of some enrollments (what the resident was paid, or is about to be) for the months given
 * (first days, newest first): one probe of payroll_line_live_uq (for_month, enrollment_id) per month and enrollment
 * instead of reading every line of every month (a district adds a million lines a month).
 */
export async function listRecentPayments(
  q: Queryable,
  enrollmentIds: readonly string[],
  monthFirstDays: readonly string[],
  limit: number,
) {
  if (enrollmentIds.length === 0 || monthFirstDays.length === 0) return [];
  const { rows } = await q.query<{ enrollment_id: string; for_month: string; amount_fen: number; status: string }>(
    `SELECT l.enrollment_id, to_char(l.for_month, 'YYYY-MM') AS for_month, l.amount_fen, l.status
       FROM unnest($2::date[]) AS m(month)
       JOIN payroll_line l ON l.for_month = m.month AND l.enrollment_id = ANY($1::uuid[])
        AND l.status IN ('payable', 'paid', 'held')
      ORDER BY l.for_month DESC, l.created_at DESC LIMIT $3`,
    [enrollmentIds, monthFirstDays, limit],
  );
  return rows;
}
