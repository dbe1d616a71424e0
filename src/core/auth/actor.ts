import type { AccessRestriction } from './auth-policy.ts';

/** Who is acting: a staff user, a resident, another department's system, or the platform itself. */
export interface Actor {
  kind: 'staff' | 'resident' | 'client' | 'system';
  id: string;
  name: string;
  /** Data scope: a region code prefix ('' = the whole installation). */
  regionScope: string;
  permissions: ReadonlySet<string>;
  businessLines: ReadonlySet<string>;
  roles: readonly string[];
  orgId?: string;
  personId?: string;
  ip?: string;
  /** Set on a staff session that may only fix this first (change an expired password, enrol TOTP). */
  restriction?: AccessRestriction;
}

export function systemActor(name = 'system'): Actor {
  return {
    kind: 'system',
    id: name,
    name,
    regionScope: '',
    permissions: new Set(['*']),
    businessLines: new Set(['*']),
    roles: ['system'],
  };
}

export function hasPermission(actor: Actor, permission: string): boolean {
  return actor.permissions.has('*') || actor.permissions.has(permission);
}

export function coversBusinessLine(actor: Actor, line: string): boolean {
  return actor.businessLines.has('*') || actor.businessLines.has(line);
}

export function isInScope(actor: Actor, regionCode: string | null | undefined): boolean {
  return typeof regionCode === 'string' && regionCode.startsWith(actor.regionScope);
}

/** LIKE pattern for the actor's data scope, used in every repository query. */
export function scopePattern(actor: Actor): string {
  return `${actor.regionScope}%`;
}
