import { randomInt } from 'node:crypto';
import type { Database } from '../../db/database.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { FieldCipher } from '../shared/crypto.ts';
import { hashToken, randomToken } from '../shared/crypto.ts';
import { AppError } from '../shared/errors.ts';
import type { Actor } from './actor.ts';
import { isSessionAlive } from './password-policy.ts';

/** Pluggable SMS gateway; the demo sender writes the code to the server log. */
export interface SmsSender {
  send(phone: string, text: string): Promise<void>;
}

export const logSmsSender = (log: (msg: string) => void): SmsSender => ({
  async send(phone, text) {
    log(`[demo SMS to ${phone.slice(0, 3)}****${phone.slice(-4)}] ${text}`);
  },
});

const OTP_MINUTES = 5;
const OTP_MAX_ATTEMPTS = 5;

/** Residents log in to the portal with ID number + phone + a one-time code. */
export class ResidentService {
  private readonly db: Database;
  private readonly cipher: FieldCipher;
  private readonly settings: { idleMinutes: number; absoluteHours: number };
  sms: SmsSender;

  constructor(
    db: Database,
    cipher: FieldCipher,
    settings: { idleMinutes: number; absoluteHours: number },
    sms?: SmsSender,
  ) {
    this.db = db;
    this.cipher = cipher;
    this.settings = settings;
    this.sms = sms ?? logSmsSender((m) => console.log(m));
  }

  private async findPerson(idNumber: string, phone: string) {
    const { rows } = await this.db.query<{ id: string; name: string; region_code: string }>(
      'SELECT id, name, region_code FROM person WHERE id_index = $1 AND phone_index = $2 AND deceased_on IS NULL',
      [this.cipher.blindIndex(idNumber), this.cipher.blindIndex(phone)],
    );
    return rows[0];
  }

  /** Sends a code when ID and phone match a registered resident; answers the same either way (no enumeration). */
  async requestCode(idNumber: string, phone: string): Promise<void> {
    const person = await this.findPerson(idNumber, phone);
    if (!person) return;
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await this.db.query(
      `INSERT INTO resident_otp (person_id, code_hash, expires_at) VALUES ($1, $2, now() + make_interval(mins => $3))`,
      [person.id, hashToken(`${person.id}:${code}`), OTP_MINUTES],
    );
    await this.sms.send(phone, `【惠民】您的登录验证码为 ${code},${OTP_MINUTES}分钟内有效。`);
  }

  async login(idNumber: string, phone: string, code: string, ip: string | undefined) {
    const person = await this.findPerson(idNumber, phone);
    const invalid = new AppError('auth.otp_invalid', '验证码错误或已过期', 'the code is wrong or has expired', [
      { field: 'code', message_zh: '验证码错误或已过期', message_en: 'wrong or expired code' },
    ]);
    if (!person) throw invalid;
    const token = randomToken();
    const ok = await this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: string; code_hash: string; attempts: number }>(
        `SELECT id, code_hash, attempts FROM resident_otp
         WHERE person_id = $1 AND used_at IS NULL AND expires_at > now() ORDER BY created_at DESC LIMIT 1`,
        [person.id],
      );
      const otp = rows[0];
      if (!otp || otp.attempts >= OTP_MAX_ATTEMPTS) return false;
      if (otp.code_hash !== hashToken(`${person.id}:${code}`)) {
        await tx.query('UPDATE resident_otp SET attempts = attempts + 1 WHERE id = $1', [otp.id]);
        return false;
      }
      await tx.query('UPDATE resident_otp SET used_at = now() WHERE id = $1', [otp.id]);
      await tx.query(
        `INSERT INTO session (token_hash, kind, person_id, expires_at, ip) VALUES ($1, 'resident', $2, now() + make_interval(hours => $3), $4)`,
        [hashToken(token), person.id, this.settings.absoluteHours, ip ?? null],
      );
      await recordAudit(tx, residentActor(person.id, person.name, person.region_code, ip), {
        action: 'portal.login',
        entityType: 'person',
        entityId: person.id,
        regionCode: person.region_code,
      });
      return true;
    });
    if (!ok) throw invalid;
    return { token, personId: person.id };
  }

  async authenticate(token: string, ip: string | undefined): Promise<Actor | undefined> {
    const { rows } = await this.db.query<{
      person_id: string;
      created_at: Date;
      last_seen_at: Date;
      revoked_at: Date | null;
      name: string;
      region_code: string;
    }>(
      `SELECT s.person_id, s.created_at, s.last_seen_at, s.revoked_at, p.name, p.region_code
       FROM session s JOIN person p ON p.id = s.person_id WHERE s.token_hash = $1 AND s.kind = 'resident'`,
      [hashToken(token)],
    );
    const s = rows[0];
    if (!s) return undefined;
    const alive = isSessionAlive(
      { createdAt: new Date(s.created_at), lastSeenAt: new Date(s.last_seen_at), revokedAt: s.revoked_at },
      new Date(),
      this.settings.idleMinutes,
      this.settings.absoluteHours,
    );
    if (!alive) return undefined;
    await this.db.query('UPDATE session SET last_seen_at = now() WHERE token_hash = $1', [hashToken(token)]);
    return residentActor(s.person_id, s.name, s.region_code, ip);
  }
}

function residentActor(personId: string, name: string, regionCode: string, ip: string | undefined): Actor {
  return {
    kind: 'resident',
    id: personId,
    personId,
    name,
    regionScope: regionCode,
    permissions: new Set(['portal:self']),
    businessLines: new Set(),
    roles: ['resident'],
    ip,
  };
}
