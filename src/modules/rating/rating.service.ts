import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../core/audit/audit.repository.ts';
import { type Actor, systemActor } from '../../core/auth/actor.ts';
import { type DomainEvent, emitEvent } from '../../core/events/event-bus.ts';
import { AppError, notFound } from '../../core/shared/errors.ts';
import type { WorkflowService } from '../../core/workflow/workflow.service.ts';
import { findState } from '../../core/workflow/workflow-definition.ts';
import type { Database } from '../../db/database.ts';
import { uniqueViolation } from '../../db/pg-errors.ts';
import { FOLLOW_UP_WORKFLOW, FollowUpExistsError } from './follow-up.workflow.ts';
import {
  countRatingsByOrganisation,
  findCaseInStaffScope,
  findFollowUpCaseId,
  findRating,
  findRatingByCase,
  findResidentCase,
  findServingOrganisation,
  insertRating,
  listResidentClosedCases,
  type RatedCaseRow,
  type RatingRow,
} from './rating.repository.ts';
import type { FollowUpData, RatingInput, RatingStatsQuery } from './rating.schema.ts';
import { GRADE_CODES, GRADES, type GradeCounts, isPoorGrade, satisfactionRate } from './rating-grades.ts';

export const RATING_SUBMITTED = 'rating.submitted';

/** The window clerk (乡镇窗口受理员) records a rating for a resident who rates at the counter. */
const WINDOW_ROLE = 'township_clerk';

export interface RatingDeps {
  db: Database;
  workflow: WorkflowService;
  today: () => string;
}

/** 好差评: one rating per closed case; 差评 opens a follow-up case through the rating.submitted event. */
export class RatingService {
  private readonly deps: RatingDeps;

  constructor(deps: RatingDeps) {
    this.deps = deps;
  }

  /** The resident rates one of their own closed cases in the portal. */
  async rateAsResident(actor: Actor, caseId: string, input: RatingInput) {
    if (actor.kind !== 'resident' || !actor.personId) throw notFound('case', '办件');
    const c = await findResidentCase(this.deps.db, actor.personId, caseId);
    if (!c) throw notFound('case', '办件');
    return this.rate(actor, c, input, 'portal');
  }

  /** The window clerk records the resident's rating on their behalf (case in the clerk's scope). */
  async rateAtWindow(actor: Actor, caseId: string, input: RatingInput) {
    if (!actor.roles.includes(WINDOW_ROLE)) {
      throw new AppError(
        'auth.forbidden',
        '只有窗口受理员可以代居民评价',
        'only a window clerk may record a rating on behalf of a resident',
      );
    }
    const c = await findCaseInStaffScope(this.deps.db, actor, caseId);
    if (!c) throw notFound('case', '办件');
    return this.rate(actor, c, input, 'window');
  }

  private async rate(actor: Actor, c: RatedCaseRow, input: RatingInput, channel: 'portal' | 'window') {
    // A follow-up is the bureau's own work on a rating, not a service to the resident: it is not rated itself.
    if (c.workflow === FOLLOW_UP_WORKFLOW) throw notFound('case', '办件');
    if (!c.closed_at) {
      throw new AppError(
        'rating.not_closed',
        `办件 ${c.case_no} 尚未办结,办结后才能评价`,
        `case ${c.case_no} is not closed yet; it can be rated once it is closed`,
      );
    }
    const grade = GRADES.find((g) => g.code === input.grade);
    if (!grade) throw new RangeError(`unknown grade ${input.grade}`);
    const rating = await this.deps.db
      .transaction(async (tx) => {
        // One rating per case: the unique key decides between two concurrent submissions.
        if (await findRatingByCase(tx, c.id)) throw alreadyRated(c.case_no);
        const row = await insertRating(tx, {
          id: randomUUID(),
          case: c,
          orgId: await findServingOrganisation(tx, c),
          grade: grade.code,
          score: grade.score,
          dimensions: input.dimensions,
          comment: input.comment || null,
          channel,
          ratedByType: actor.kind === 'resident' ? 'resident' : 'staff',
          ratedById: actor.id,
          ratedOn: this.deps.today(),
        });
        await recordAudit(tx, actor, {
          action: 'rating.submit',
          entityType: 'case',
          entityId: c.id,
          regionCode: c.region_code,
          detail: { ratingId: row.id, grade: grade.code, channel },
        });
        await emitEvent(
          tx,
          RATING_SUBMITTED,
          { ratingId: row.id, caseId: c.id, grade: grade.code, poor: isPoorGrade(grade.code) },
          c.region_code,
        );
        return row;
      })
      .catch((err: unknown) => {
        if (uniqueViolation(err) !== undefined) throw alreadyRated(c.case_no);
        throw err;
      });
    return present(rating, c.case_no);
  }

  /** The resident's closed cases with their ratings, for the portal's rate buttons. */
  async listForResident(actor: Actor) {
    if (actor.kind !== 'resident' || !actor.personId) return { items: [] };
    const rows = await listResidentClosedCases(this.deps.db, actor.personId);
    return {
      items: rows.map((r) => {
        const def = this.deps.workflow.getDefinition(r.workflow);
        return {
          caseId: r.id,
          caseNo: r.case_no,
          title: r.title,
          stateName: findState(def, r.state)?.nameZh ?? r.state,
          stateNameEn: findState(def, r.state)?.nameEn ?? r.state,
          closedAt: r.closed_at ? new Date(r.closed_at).toISOString() : null,
          rating: r.grade ? { grade: r.grade, ratedOn: r.rated_on } : null,
        };
      }),
    };
  }

  /** Ratings per serving organisation and grade in the actor's scope, with the satisfaction rate. */
  async stats(actor: Actor, q: RatingStatsQuery) {
    const rows = await countRatingsByOrganisation(this.deps.db, actor, q);
    const byOrg = new Map<
      string,
      { orgId: string | null; orgName: string; counts: GradeCounts; openFollowUps: number }
    >();
    for (const r of rows) {
      const key = r.org_id ?? '';
      let entry = byOrg.get(key);
      if (!entry) {
        const counts = Object.fromEntries(GRADE_CODES.map((g) => [g, 0])) as GradeCounts;
        entry = { orgId: r.org_id, orgName: r.org_name ?? '—', counts, openFollowUps: 0 };
        byOrg.set(key, entry);
      }
      entry.counts[r.grade] += r.n;
      entry.openFollowUps += r.open_follow_ups;
    }
    const items = [...byOrg.values()].map((e) => ({
      ...e,
      total: GRADE_CODES.reduce((sum, g) => sum + e.counts[g], 0),
      satisfactionRate: satisfactionRate(e.counts),
    }));
    const totals = Object.fromEntries(
      GRADE_CODES.map((g) => [g, items.reduce((sum, i) => sum + i.counts[g], 0)]),
    ) as GradeCounts;
    return {
      from: q.from ?? null,
      to: q.to ?? null,
      grades: GRADES.map((g) => ({ code: g.code, score: g.score, nameZh: g.nameZh, nameEn: g.nameEn })),
      items,
      totals: {
        counts: totals,
        total: items.reduce((s, i) => s + i.total, 0),
        satisfactionRate: satisfactionRate(totals),
      },
    };
  }

  /**
   * Subscriber of rating.submitted: a 差评 opens its follow-up case, due N working days after the rating day.
   * Delivery is at least once; the workflow's open check refuses a second case for the same rating.
   */
  async openFollowUp(event: DomainEvent): Promise<string | undefined> {
    if (event.payload.poor !== true || typeof event.payload.ratingId !== 'string') return undefined;
    const rating = await findRating(this.deps.db, event.payload.ratingId);
    if (!rating) return undefined;
    const existing = await findFollowUpCaseId(this.deps.db, rating.id);
    if (existing) return existing;
    const rated = await this.deps.db.query<{ case_no: string; title: string }>(
      'SELECT case_no, title FROM wf_case WHERE id = $1',
      [rating.case_id],
    );
    const ratedCase = rated.rows[0];
    const data: FollowUpData = {
      ratingId: rating.id,
      ratedCaseId: rating.case_id,
      ratedCaseNo: ratedCase.case_no,
      grade: rating.grade,
      dimensions: rating.dimensions as FollowUpData['dimensions'],
      comment: rating.comment,
    };
    const grade = GRADES.find((g) => g.code === rating.grade);
    try {
      const created = await this.deps.workflow.open(systemActor('rating'), {
        workflow: FOLLOW_UP_WORKFLOW,
        regionCode: rating.region_code,
        title: `差评回访:${ratedCase.case_no} ${ratedCase.title}(${grade?.nameZh ?? rating.grade})`.slice(0, 200),
        subjectType: 'rating',
        subjectId: rating.id,
        data,
        receivedOn: rating.rated_on,
      });
      return created.id;
    } catch (err) {
      if (err instanceof FollowUpExistsError) return findFollowUpCaseId(this.deps.db, rating.id);
      throw err;
    }
  }
}

function present(r: RatingRow, caseNo: string) {
  const grade = GRADES.find((g) => g.code === r.grade);
  return {
    id: r.id,
    caseId: r.case_id,
    caseNo,
    grade: r.grade,
    gradeName: grade?.nameZh ?? r.grade,
    score: r.score,
    dimensions: r.dimensions,
    comment: r.comment,
    channel: r.channel,
    ratedOn: r.rated_on,
    followUp: isPoorGrade(r.grade),
  };
}

function alreadyRated(caseNo: string): AppError {
  return new AppError(
    'conflict.duplicate',
    `办件 ${caseNo} 已评价过,每件只能评价一次`,
    `case ${caseNo} has already been rated`,
  );
}
