/** Password complexity for staff: at least 8 characters with 3 of 4 classes (upper, lower, digit, symbol). */
export function checkPasswordComplexity(
  password: string,
  username?: string,
): { ok: true } | { ok: false; zh: string; en: string } {
  if (password.length < 8 || password.length > 128) {
    return { ok: false, zh: '密码长度应为8-128位', en: 'password must be 8 to 128 characters long' };
  }
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) {
    return {
      ok: false,
      zh: '密码须包含大写字母、小写字母、数字、符号中的至少三类',
      en: 'password must mix at least three of: upper case, lower case, digits, symbols',
    };
  }
  if (username && password.toLowerCase().includes(username.toLowerCase())) {
    return { ok: false, zh: '密码不能包含用户名', en: 'password must not contain the user name' };
  }
  return { ok: true };
}

export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MINUTES = 15;

/** After a failed login: the new failure count and, at the threshold, when the lock ends. */
export function afterFailedLogin(
  failedAttempts: number,
  now: Date,
): { failedAttempts: number; lockedUntil: Date | null } {
  const next = failedAttempts + 1;
  return {
    failedAttempts: next >= LOCKOUT_THRESHOLD ? 0 : next,
    lockedUntil: next >= LOCKOUT_THRESHOLD ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000) : null,
  };
}

/** A session is alive while neither the idle limit nor the absolute limit has passed. */
export function isSessionAlive(
  s: { createdAt: Date; lastSeenAt: Date; revokedAt: Date | null },
  now: Date,
  idleMinutes: number,
  absoluteHours: number,
): boolean {
  if (s.revokedAt) return false;
  if (now.getTime() - s.lastSeenAt.getTime() > idleMinutes * 60_000) return false;
  return now.getTime() - s.createdAt.getTime() <= absoluteHours * 3600_000;
}
