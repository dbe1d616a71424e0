import type { Actor } from '../auth/actor.ts';
import { AppError } from '../shared/errors.ts';

/**
 * Notices and inboxes belong to people: a department system signed in with a bearer key (or the platform itself)
 * has no inbox and cannot leave a read receipt.
 */
export function requireStaffUser(actor: Actor): void {
  if (actor.kind !== 'staff') {
    throw new AppError(
      'auth.forbidden',
      '仅工作人员账号可使用通知和站内信',
      'notices and messages are for staff accounts',
    );
  }
}
