import type { Database, Queryable } from '../../db/database.ts';
import type {
  PolicyParameterVersion,
  PolicyValues,
  ResolvedParameters,
} from '../../modules/assistance/rules/policy-parameters.ts';
import { resolveParameters } from '../../modules/assistance/rules/policy-parameters.ts';
import { ASSISTANCE_KEYS, ASSISTANCE_SCHEME, defaultAssistanceRows } from './assistance-defaults.ts';
import {
  ensureSnapshots,
  findSnapshot,
  insertMissingRows,
  listLiveRowsForRegion,
  listRowsVisibleToScope,
} from './policy.repository.ts';
import { PolicyAdminService } from './policy-admin.service.ts';
import { type ParameterRow, type SyntheticVersion, snapshotAnchor, synthesiseVersions } from './resolve-parameters.ts';

/**
 * Effective-dated policy parameters in the database, resolved per key and handed to the pure rules as whole
 * versions. Each version's id is a content-addressed policy_snapshot recording which row every key came from, so
 * a decision's trace (which cites version ids) leads back to the exact rows.
 */
export class PolicyService {
  private readonly db: Database;
  private readonly synthesisCache = new Map<string, SyntheticVersion[]>();
  /** Snapshot ids by content hash, of committed snapshots only (a snapshot is never changed or deleted). */
  private readonly snapshotIds = new Map<string, string>();
  /** Reading values and history, adding a value, withdrawing a future one (the admin page). */
  readonly admin: PolicyAdminService;

  constructor(db: Database, today: () => string) {
    this.db = db;
    this.admin = new PolicyAdminService(db, today);
  }

  /**
   * Synthetic whole versions for one region: one per effective-date breakpoint of any key that applies to the
   * region (row.region_code is a prefix of regionCode), values resolved per key (most specific region, then latest
   * effective_from ≤ breakpoint), each persisted as a content-addressed policy_snapshot whose id is the version id.
   * Every version carries `regionCode` as asked, so the rules' resolveParameters picks among them by date only.
   */
  async assistanceVersions(q: Queryable, regionCode: string): Promise<PolicyParameterVersion[]> {
    const rows = await listLiveRowsForRegion(q, ASSISTANCE_SCHEME, regionCode);
    return this.versionsFromRows(q, rows, regionCode);
  }

  /** The one version in force for the region on the date. */
  async resolveAssistance(q: Queryable, regionCode: string, date: string): Promise<ResolvedParameters> {
    return resolveParameters(await this.assistanceVersions(q, regionCode), regionCode, date);
  }

  /**
   * Versions synthesised from rows, reused while the rows are the same (a row's value never changes once stored; a
   * withdrawn row drops out of the rows read): every intake in a region asks for the same ones.
   */
  private synthesised(rows: readonly ParameterRow[], regionCode: string): SyntheticVersion[] {
    const key = `${regionCode}\n${rows
      .map((r) => `${r.id}|${r.key}|${r.regionCode}|${r.effectiveFrom}|${JSON.stringify(r.value)}`)
      .join('\n')}`;
    const known = this.synthesisCache.get(key);
    if (known) return known;
    const versions = synthesiseVersions(ASSISTANCE_SCHEME, rows, regionCode, ASSISTANCE_KEYS);
    if (this.synthesisCache.size >= 500) this.synthesisCache.clear();
    this.synthesisCache.set(key, versions);
    return versions;
  }

  /** Versions from rows already read (simulation passes rows with an override added), snapshots persisted. */
  async versionsFromRows(
    q: Queryable,
    rows: readonly ParameterRow[],
    regionCode: string,
  ): Promise<PolicyParameterVersion[]> {
    const synthetic = this.synthesised(rows, regionCode);
    let ids: ReadonlyMap<string, string> = this.snapshotIds;
    if (synthetic.some((v) => !this.snapshotIds.has(v.hash))) {
      const stored = await ensureSnapshots(
        q,
        synthetic.map((v) => ({
          scheme: ASSISTANCE_SCHEME,
          hash: v.hash,
          ...snapshotAnchor(v.citations),
          citations: v.citations,
          values: v.values,
        })),
      );
      if (this.snapshotIds.size >= 5000) this.snapshotIds.clear();
      for (const [hash, id] of stored.committed) this.snapshotIds.set(hash, id);
      ids = stored.ids;
    }
    return synthetic.map((v) => {
      const id = ids.get(v.hash);
      if (!id) throw new Error(`policy snapshot ${v.hash} was not stored`);
      return { id, regionCode, effectiveFrom: v.effectiveFrom, values: v.values as unknown as PolicyValues };
    });
  }

  /**
   * A read-only resolver for every region in a scope (simulations, previews): rows read once, versions synthesised
   * per region on demand and memoised. Version ids are the content hashes, nothing is stored.
   */
  async assistanceResolver(
    q: Queryable,
    scopePrefix: string,
  ): Promise<(regionCode: string) => PolicyParameterVersion[]> {
    const rows = (await listRowsVisibleToScope(q, ASSISTANCE_SCHEME, scopePrefix)).filter((r) => !r.withdrawnAt);
    const memo = new Map<string, PolicyParameterVersion[]>();
    return (regionCode: string) => {
      let versions = memo.get(regionCode);
      if (!versions) {
        versions = synthesiseVersions(ASSISTANCE_SCHEME, rows, regionCode, ASSISTANCE_KEYS).map((v) => ({
          id: `sha256:${v.hash}`,
          regionCode,
          effectiveFrom: v.effectiveFrom,
          values: v.values as unknown as PolicyValues,
        }));
        memo.set(regionCode, versions);
      }
      return versions;
    };
  }

  /** A stored snapshot: the values and, per key, the policy_parameter row cited. */
  findSnapshot(q: Queryable, id: string) {
    return findSnapshot(q, id);
  }

  /** Seeds the shipped defaults that were never stored (idempotent; concurrent starts serialise on a lock). */
  async seedDefaults(): Promise<number> {
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(7410031)');
      return insertMissingRows(tx, defaultAssistanceRows());
    });
  }
}
