import type { Database } from '../../db/database.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { hashToken, randomToken } from '../shared/crypto.ts';
import { AppError } from '../shared/errors.ts';
import { type Actor, systemActor } from './actor.ts';
import { findSsoUser, openSsoSession } from './sso.repository.ts';

/**
 * Unified identity (统一身份认证) adapter. A province's SSO sends the browser back to Huimin with a one-time ticket;
 * the provider turns ticket → token → identity, and the identity is mapped to a local staff account, whose roles and
 * jurisdiction stay managed in Huimin. The contract for integrators is docs/sso.md.
 */
export interface ExternalIdentity {
  /** Stable, never reused identifier of the account at the provider. */
  subject: string;
  /** Account name at the provider (e.g. 工号 or login name); the default mapping looks it up as the local user name. */
  username?: string;
  displayName?: string;
}

export interface IdentityProvider {
  /** Short name written to the audit log, e.g. 'cq-zwfw'. */
  readonly name: string;
  /** ticket → token: redeem the one-time ticket (undefined when unknown, used or expired). */
  redeemTicket(ticket: string): Promise<string | undefined>;
  /** token → identity (undefined when the token is not accepted). */
  fetchIdentity(token: string): Promise<ExternalIdentity | undefined>;
  /** identity → local user name; default: `identity.username`. Return undefined for accounts not opened here. */
  mapUser?(identity: ExternalIdentity): Promise<string | undefined> | string | undefined;
}

/**
 * The default: no external SSO. Staff sign in with user name and password (POST /auth/login); tickets are refused.
 */
export const builtInIdentityProvider: IdentityProvider = {
  name: 'built-in',
  redeemTicket: async () => undefined,
  fetchIdentity: async () => undefined,
};

/** How long one call to the provider may take before the sign-in is given up (the SSO is down or slow). */
const PROVIDER_TIMEOUT_MS = 10_000;

/** Signs staff in with a ticket from the configured identity provider. */
export class SsoService {
  private readonly db: Database;
  private readonly provider: IdentityProvider;
  private readonly absoluteHours: number;

  constructor(db: Database, provider: IdentityProvider, absoluteHours: number) {
    this.db = db;
    this.provider = provider;
    this.absoluteHours = absoluteHours;
  }

  get providerName(): string {
    return this.provider.name;
  }

  /** ticket → token → identity → active local user → a new staff session (token returned once, hash stored). */
  async signIn(ticket: string, ip?: string, userAgent?: string): Promise<{ token: string; userId: string }> {
    const provider = this.provider;
    const accessToken = await withTimeout(provider.redeemTicket(ticket));
    if (!accessToken) throw invalidTicket();
    const identity = await withTimeout(provider.fetchIdentity(accessToken));
    if (!identity?.subject) throw invalidTicket();
    const username = provider.mapUser ? await provider.mapUser(identity) : identity.username;
    const user = username ? await findSsoUser(this.db, username) : undefined;
    const locked = user?.locked_until && new Date(user.locked_until) > new Date();
    if (!user?.is_active || locked) {
      // The provider vouched for this person, but no usable account is opened for them here: worth an audit row.
      await this.db.transaction((tx) =>
        recordAudit(
          tx,
          { ...systemActor(`sso:${provider.name}`), ip },
          {
            action: 'auth.sso_unmapped',
            entityType: 'user',
            entityId: user?.id ?? null,
            regionCode: user?.region_scope ?? null,
            detail: { provider: provider.name, subject: identity.subject, username: username ?? null },
          },
        ),
      );
      throw invalidTicket();
    }
    const token = randomToken();
    await this.db.transaction(async (tx) => {
      await openSsoSession(tx, {
        tokenHash: hashToken(token),
        userId: user.id,
        absoluteHours: this.absoluteHours,
        ip,
        userAgent,
      });
      await recordAudit(tx, signInActor(user.id, user.display_name, user.region_scope, ip), {
        action: 'auth.login',
        entityType: 'user',
        entityId: user.id,
        regionCode: user.region_scope,
        detail: { via: 'sso', provider: provider.name, subject: identity.subject },
      });
    });
    return { token, userId: user.id };
  }
}

async function withTimeout<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(unavailable()), PROVIDER_TIMEOUT_MS);
  });
  try {
    return await Promise.race([promise, timeout]);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw unavailable();
  } finally {
    clearTimeout(timer);
  }
}

function invalidTicket(): AppError {
  return new AppError(
    'auth.sso_invalid',
    '统一身份认证票据无效或已过期,或该账号未在本系统开通',
    'the sign-on ticket is invalid or expired, or the account is not enabled in Huimin',
  );
}

function unavailable(): AppError {
  return new AppError(
    'auth.sso_unavailable',
    '统一身份认证服务暂时无法访问,请稍后再试或使用账号密码登录',
    'the single sign-on service cannot be reached; try again later or sign in with your password',
  );
}

function signInActor(id: string, name: string, regionScope: string, ip: string | undefined): Actor {
  return {
    kind: 'staff',
    id,
    name,
    regionScope,
    permissions: new Set(),
    businessLines: new Set(),
    roles: [],
    ip,
  };
}
