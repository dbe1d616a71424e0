/**
 * People flagged at risk 返贫致贫风险 (monitoring_flag): monitored like the enrolled, without an enrollment.
 * Staff of the monitoring line flag and unflag people in their jurisdiction; each change is audited.
 */
import { recordAudit } from '../../core/audit/audit.repository.ts';
import { type Actor, coversBusinessLine, hasPermission } from '../../core/auth/actor.ts';
import { AppError, notFound } from '../../core/shared/errors.ts';
import { maskName } from '../../core/shared/masking.ts';
import type { Database } from '../../db/database.ts';
import { deleteFlagInScope, findPersonRegionInScope, insertFlag, listFlags } from './monitoring.repository.ts';
import type { FlagInput, FlagQuery } from './monitoring.schema.ts';

function requireMonitoring(actor: Actor, permission: 'case:read' | 'case:act'): void {
  if (!hasPermission(actor, permission) || !coversBusinessLine(actor, 'monitoring')) {
    throw new AppError('auth.forbidden', '您没有动态监测业务的权限', 'the monitoring line is not among your duties');
  }
}

export class MonitoringFlagsService {
  private readonly db: Database;

  constructor(db: Database) {
    this.db = db;
  }

  async list(actor: Actor, q: FlagQuery) {
    requireMonitoring(actor, 'case:read');
    const { total, rows } = await listFlags(this.db, actor, q.page, q.pageSize);
    return {
      total,
      items: rows.map((f) => ({
        personId: f.person_id,
        personName: maskName(f.person_name),
        personIdMasked: f.person_id_masked,
        regionCode: f.region_code,
        reason: f.reason,
        flaggedBy: f.flagged_by,
        createdAt: new Date(f.created_at).toISOString(),
      })),
    };
  }

  /** Flags a living person in scope (404 otherwise); flagging again is a no-op. */
  async flag(actor: Actor, input: FlagInput): Promise<{ personId: string; added: boolean }> {
    requireMonitoring(actor, 'case:act');
    return this.db.transaction(async (tx) => {
      const regionCode = await findPersonRegionInScope(tx, actor, input.personId);
      if (!regionCode) throw notFound('person', '居民');
      const added = await insertFlag(tx, { personId: input.personId, regionCode, reason: input.reason }, actor.id);
      if (added) {
        await recordAudit(tx, actor, {
          action: 'monitoring.flag.add',
          entityType: 'person',
          entityId: input.personId,
          regionCode,
          detail: { reason: input.reason },
        });
      }
      return { personId: input.personId, added };
    });
  }

  async unflag(actor: Actor, personId: string): Promise<void> {
    requireMonitoring(actor, 'case:act');
    await this.db.transaction(async (tx) => {
      const removed = await deleteFlagInScope(tx, actor, personId);
      if (!removed) throw notFound('monitoring flag', '监测标记');
      await recordAudit(tx, actor, {
        action: 'monitoring.flag.remove',
        entityType: 'person',
        entityId: personId,
        regionCode: removed.region_code,
        detail: { reason: removed.reason },
      });
    });
  }
}
