import type { Database } from '../../db/database.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { FieldCipher } from '../shared/crypto.ts';
import { AppError } from '../shared/errors.ts';
import type { Actor } from './actor.ts';
import { type AuthPolicy, isTotpRequiredFor } from './auth-policy.ts';
import { claimTotpStep, deleteTotp, findTotp, savePendingTotp } from './security.repository.ts';
import { newTotpSecret, totpUri, verifyTotp } from './totp.ts';

const wrongCode = () =>
  new AppError('request.invalid', '动态口令不正确,请核对手机时间后重试', 'the code is wrong; check the phone clock', [
    { field: 'code', message_zh: '动态口令不正确', message_en: 'wrong code' },
  ]);

/**
 * Enrolment of the TOTP second factor by the signed-in user: a new secret (shown once, as an otpauth URI for the
 * QR code), confirmed with a first code; stored only as SM4 ciphertext. Every step is audited.
 */
export class TotpService {
  private readonly db: Database;
  private readonly cipher: FieldCipher;
  private readonly policy: AuthPolicy;

  constructor(db: Database, cipher: FieldCipher, policy: AuthPolicy) {
    this.db = db;
    this.cipher = cipher;
    this.policy = policy;
  }

  async status(actor: Actor): Promise<{ enabled: boolean; pending: boolean; required: boolean }> {
    const row = await findTotp(this.db, actor.id);
    const enabled = Boolean(row?.enabled_at);
    return {
      enabled,
      pending: Boolean(row) && !enabled,
      required: isTotpRequiredFor(actor.roles, enabled, this.policy),
    };
  }

  /** A new secret for the user's authenticator app; replaces an unconfirmed one, never an enabled one. */
  async enrol(actor: Actor, account: string): Promise<{ secret: string; otpauthUri: string }> {
    const secret = newTotpSecret();
    await this.db.transaction(async (tx) => {
      if (!(await savePendingTotp(tx, actor.id, this.cipher.encrypt(secret)))) {
        throw new AppError(
          'conflict.duplicate',
          '已启用动态口令;如需更换,请先停用',
          'TOTP is already enabled; turn it off first to replace it',
        );
      }
      await recordAudit(tx, actor, {
        action: 'auth.totp_enrol',
        entityType: 'user',
        entityId: actor.id,
        regionCode: actor.regionScope,
      });
    });
    return { secret, otpauthUri: totpUri(secret, account) };
  }

  /** The first right code from the app turns the second factor on. */
  async activate(actor: Actor, code: string): Promise<void> {
    const row = await findTotp(this.db, actor.id);
    if (!row || row.enabled_at) {
      throw new AppError('request.invalid', '没有待确认的动态口令绑定', 'there is no enrolment waiting for a code', [
        { field: 'code', message_zh: '请先生成二维码', message_en: 'start the enrolment first' },
      ]);
    }
    const step = verifyTotp(this.cipher.decrypt(row.secret_cipher), code, Date.now(), row.last_used_step);
    if (step === undefined) throw wrongCode();
    await this.db.transaction(async (tx) => {
      if (!(await claimTotpStep(tx, actor.id, step))) throw wrongCode();
      await recordAudit(tx, actor, {
        action: 'auth.totp_enabled',
        entityType: 'user',
        entityId: actor.id,
        regionCode: actor.regionScope,
      });
    });
  }

  /** Turning it off needs a current code; an administrator who must use TOTP cannot turn it off. */
  async disable(actor: Actor, code: string): Promise<void> {
    if (isTotpRequiredFor(actor.roles, false, this.policy)) {
      throw new AppError('auth.forbidden', '系统管理员必须使用动态口令,不能停用', 'administrators must keep TOTP on');
    }
    const row = await findTotp(this.db, actor.id);
    if (!row?.enabled_at) return;
    const step = verifyTotp(this.cipher.decrypt(row.secret_cipher), code, Date.now(), row.last_used_step);
    if (step === undefined) throw wrongCode();
    await this.db.transaction(async (tx) => {
      await deleteTotp(tx, actor.id);
      await recordAudit(tx, actor, {
        action: 'auth.totp_disabled',
        entityType: 'user',
        entityId: actor.id,
        regionCode: actor.regionScope,
      });
    });
  }

  /** An administrator clears another user's second factor (lost phone); the user enrols again. */
  async reset(actor: Actor, user: { id: string; region_scope: string }): Promise<void> {
    await this.db.transaction(async (tx) => {
      const had = await deleteTotp(tx, user.id);
      await recordAudit(tx, actor, {
        action: 'user.totp_reset',
        entityType: 'user',
        entityId: user.id,
        regionCode: user.region_scope,
        detail: { hadTotp: had },
      });
    });
  }
}
