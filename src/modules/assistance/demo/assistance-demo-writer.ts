/**
 * Writes planned demo applications and enrollments set-based: one INSERT … SELECT FROM unnest(…) per table for a
 * whole township, so seeding stays fast on the embedded database as well.
 */
import { randomUUID } from 'node:crypto';
import { maskName } from '../../../core/shared/masking.ts';
import { addWorkingDays } from '../../../core/workflow/working-days.ts';
import type { Queryable } from '../../../db/database.ts';
import { assembleDeclaredFacts } from '../application/declared-facts.ts';
import { applicationHistory, type StaffIds } from './assistance-demo-history.ts';
import type { DemoApplication, DemoEnrollment, DemoHousehold } from './assistance-demo-plan.ts';

export type HouseholdRow = DemoHousehold & { names: string[] };

const PROGRAMME_SHORT: Record<string, string> = {
  minimumLivingAllowance: '低保',
  extremePovertySupport: '特困',
  lowIncomeMarginal: '低保边缘',
  singlePersonAllowance: '单人保',
  rigidExpenditureHardship: '刚性支出困难',
};

export interface ApplicationToWrite {
  household: HouseholdRow;
  application: DemoApplication;
  /** Counted household income per month, declared as a transfer income over 12 months. */
  monthlyIncomeFen: number;
}

/** Declared facts in the rules' shape (as an application carries them), built by the application module's builder. */
function declaredFacts(h: HouseholdRow, a: DemoApplication, monthlyIncomeFen: number) {
  const { facts } = assembleDeclaredFacts(
    h.members,
    {
      applicantPersonId: a.applicantPersonId,
      area: a.area,
      members: [],
      incomes:
        monthlyIncomeFen > 0
          ? [{ memberId: a.applicantPersonId, category: 'transfer', kind: 'general', amountFen: monthlyIncomeFen * 12 }]
          : [],
      spending: [],
      assets: {
        financialAssetsFen: 200_000,
        vehicles: [],
        dwellingBeyondAreaRule: false,
        businessEmployingOthers: false,
      },
    },
    h.regionCode,
  );
  return facts;
}

const column = <T, V>(items: readonly T[], pick: (item: T) => V) => items.map(pick);

/** Inserts the applications as wf_case + wf_action history + assistance_application; returns their case ids. */
export async function writeDemoApplications(
  tx: Queryable,
  items: readonly ApplicationToWrite[],
  staff: StaffIds,
): Promise<string[]> {
  const ids = items.map(() => randomUUID());
  const cases = items.map(({ household: h, application: a }, k) => {
    const applicantName = h.names[h.members.findIndex((m) => m.personId === a.applicantPersonId)] ?? '';
    return {
      id: ids[k],
      state: a.state,
      region: h.regionCode,
      household: h.id,
      title: `${PROGRAMME_SHORT[a.programme ?? ''] ?? '社会救助'}申请 ${maskName(applicantName)}`,
      assignee: a.state === 'verifying' ? staff.clerk.id : null,
      candidateRole: a.closedOn === null ? 'township_clerk' : null,
      data: JSON.stringify({ householdId: h.id, channel: 'window' }),
      received: a.receivedOn,
      due: addWorkingDays(a.receivedOn, 30),
      stepDue: a.state === 'verifying' && a.acceptedOn ? addWorkingDays(a.acceptedOn, 10) : null,
      closed: a.closedOn,
      // the kernel numbers actions by case version: one version per action in the history
      version: applicationHistory(a, staff).length,
    };
  });
  await tx.query(
    `INSERT INTO wf_case (id, case_no, workflow, business_line, state, region_code, subject_type, subject_id, title,
       assignee_id, candidate_role, data, received_on, due_on, step_due_on, opened_at, closed_at, created_by, version)
     SELECT c.id, 'HM' || to_char(c.received, 'YYYYMMDD') || lpad(nextval('case_no_seq')::text, 6, '0'),
       'assistance.application', 'assistance', c.state, c.region, 'household', c.household, c.title, c.assignee,
       c.candidate_role, c.data::jsonb, c.received, c.due, c.step_due,
       (c.received + time '09:30') AT TIME ZONE 'Asia/Shanghai',
       (c.closed + time '16:00') AT TIME ZONE 'Asia/Shanghai', $13, c.version
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::text[], $6::uuid[], $7::text[], $8::text[],
                 $9::date[], $10::date[], $11::date[], $12::date[], $14::int[])
       WITH ORDINALITY AS c(id, state, region, household, title, assignee, candidate_role, data, received, due, step_due,
                            closed, version, ord)
     ORDER BY c.ord`,
    [
      column(cases, (c) => c.id),
      column(cases, (c) => c.state),
      column(cases, (c) => c.region),
      column(cases, (c) => c.household),
      column(cases, (c) => c.title),
      column(cases, (c) => c.assignee),
      column(cases, (c) => c.candidateRole),
      column(cases, (c) => c.data),
      column(cases, (c) => c.received),
      column(cases, (c) => c.due),
      column(cases, (c) => c.stepDue),
      column(cases, (c) => c.closed),
      staff.clerk.id ?? 'system',
      column(cases, (c) => c.version),
    ],
  );

  const steps = items.flatMap(({ application }, k) =>
    applicationHistory(application, staff).map((s, seq) => ({ ...s, caseId: ids[k], seq: seq + 1 })),
  );
  await tx.query(
    `INSERT INTO wf_action (case_id, seq, action, from_state, to_state, actor_id, actor_name, at, comment, input)
     SELECT t.case_id, t.seq, t.action, t.from_state, t.to_state, t.actor_id, t.actor_name,
            (t.on_date + time '10:00') AT TIME ZONE 'Asia/Shanghai', t.comment, t.input::jsonb
     FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::date[],
                 $9::text[], $10::text[])
       AS t(case_id, seq, action, from_state, to_state, actor_id, actor_name, on_date, comment, input)`,
    [
      column(steps, (s) => s.caseId),
      column(steps, (s) => s.seq),
      column(steps, (s) => s.action),
      column(steps, (s) => s.from),
      column(steps, (s) => s.to),
      column(steps, (s) => s.actor.id),
      column(steps, (s) => s.actor.name),
      column(steps, (s) => s.on),
      column(steps, (s) => s.comment),
      column(steps, (s) => (s.input ? JSON.stringify(s.input) : null)),
    ],
  );

  const rows = items.map(({ household: h, application: a, monthlyIncomeFen }) => {
    const facts = JSON.stringify(declaredFacts(h, a, monthlyIncomeFen));
    const refused = a.state === 'refused' || a.state === 'not_accepted';
    return {
      household: h.id,
      applicant: a.applicantPersonId,
      region: h.regionCode,
      area: a.area,
      requested: JSON.stringify({ programmes: [a.programme ?? 'auto'], needs: [] }),
      declared: facts,
      verified: a.state === 'approved' ? facts : null,
      // a refusal keeps its written reasons in the shape the application workflow stores them
      decision: refused
        ? JSON.stringify({
            stage: a.state,
            reasons: a.reasons,
            on: a.closedOn,
            by: staff.reviewer.name,
            classification: null,
          })
        : null,
      programme: a.programme,
      amount: a.amountFen,
      authorisedOn: a.state === 'not_accepted' ? null : a.receivedOn,
    };
  });
  await tx.query(
    `INSERT INTO assistance_application (case_id, household_id, applicant_person_id, region_code, area, channel,
       requested, declared, verified, decision, programme, amount_fen, authorised_on)
     SELECT t.case_id, t.household, t.applicant, t.region, t.area, 'window', t.requested::jsonb, t.declared::jsonb,
       t.verified::jsonb, t.decision::jsonb, t.programme, t.amount, t.authorised_on
     FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                 $9::text[], $10::text[], $11::int[], $12::date[])
       AS t(case_id, household, applicant, region, area, requested, declared, verified, decision, programme, amount,
            authorised_on)`,
    [
      ids,
      column(rows, (r) => r.household),
      column(rows, (r) => r.applicant),
      column(rows, (r) => r.region),
      column(rows, (r) => r.area),
      column(rows, (r) => r.requested),
      column(rows, (r) => r.declared),
      column(rows, (r) => r.verified),
      column(rows, (r) => r.decision),
      column(rows, (r) => r.programme),
      column(rows, (r) => r.amount),
      column(rows, (r) => r.authorisedOn),
    ],
  );
  return ids;
}

/** Inserts the enrollments (each linked to its approved application's case) and their events. */
export async function writeDemoEnrollments(
  tx: Queryable,
  items: readonly { enrollment: DemoEnrollment; caseId: string }[],
  staff: StaffIds,
): Promise<void> {
  const ids = items.map(() => randomUUID());
  const es = items.map((i) => i.enrollment);
  await tx.query(
    `INSERT INTO assistance_enrollment (id, case_id, household_id, person_id, region_code, area, programme, status, members,
       per_capita_income_fen, amount_fen, basis, start_month, end_month, exit_reason, review_interval_months,
       next_review_on)
     SELECT t.id, t.case_id, t.household, t.person, t.region, t.area, t.programme, t.status, t.members, t.pci, t.amount,
       t.basis::jsonb, t.start_month, t.end_month, t.exit_reason, t.interval, t.next_review
     FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[],
                 $9::int[], $10::int[], $11::int[], $12::text[], $13::date[], $14::date[], $15::text[], $16::int[],
                 $17::date[])
       AS t(id, case_id, household, person, region, area, programme, status, members, pci, amount, basis, start_month,
            end_month, exit_reason, interval, next_review)`,
    [
      ids,
      column(items, (i) => i.caseId),
      column(es, (e) => e.householdId),
      column(es, (e) => e.personId),
      column(es, (e) => e.regionCode),
      column(es, (e) => e.area),
      column(es, (e) => e.programme),
      column(es, (e) => e.status),
      column(es, (e) => e.members),
      column(es, (e) => e.perCapitaIncomeFen),
      column(es, (e) => e.amountFen),
      column(es, (e) => JSON.stringify(e.basis)),
      column(es, (e) => `${e.startMonth}-01`),
      column(es, (e) => (e.endMonth ? `${e.endMonth}-01` : null)),
      column(es, (e) => e.exitReason),
      column(es, (e) => e.reviewIntervalMonths),
      column(es, (e) => e.nextReviewOn),
    ],
  );
  const events = es.flatMap((e, k) => e.events.map((v) => ({ ...v, enrollmentId: ids[k] })));
  await tx.query(
    `INSERT INTO assistance_enrollment_event (enrollment_id, kind, from_status, to_status, effective_month, amount_fen,
       reason, details, actor)
     SELECT t.enrollment_id, t.kind, t.from_status, t.to_status, t.month, t.amount, t.reason, '{"demo": true}'::jsonb, $8
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::date[], $6::int[], $7::text[])
       AS t(enrollment_id, kind, from_status, to_status, month, amount, reason)`,
    [
      column(events, (v) => v.enrollmentId),
      column(events, (v) => v.kind),
      column(events, (v) => v.fromStatus),
      column(events, (v) => v.toStatus),
      column(events, (v) => `${v.effectiveMonth}-01`),
      column(events, (v) => v.amountFen),
      column(events, (v) => v.reason),
      staff.approver.name,
    ],
  );
}
