/**
 * One domain error type with stable codes; the HTTP status comes from one exhaustive map (see docs/errors.md).
 * Services throw these, never HTTP classes; messages are for people, Chinese first.
 */
export interface FieldError {
  field: string;
  message_zh: string;
  message_en: string;
}

export const ERROR_STATUS = {
  'request.invalid': 400,
  'request.too_large': 413,
  'auth.unauthenticated': 401,
  'auth.invalid_credentials': 401,
  'auth.locked': 423,
  'auth.forbidden': 403,
  'auth.rate_limited': 429,
  'auth.otp_invalid': 401,
  'auth.password_weak': 400,
  'auth.password_expired': 403,
  'auth.password_change_required': 403,
  'auth.totp_required': 401,
  'auth.totp_enrolment_required': 403,
  'request.duplicate': 409,
  not_found: 404,
  'conflict.duplicate': 409,
  'conflict.version': 409,
  'conflict.idempotency': 409,
  'dictionary.read_only': 409,
  'workflow.conflict': 409,
  'workflow.transition_invalid': 422,
  'workflow.forbidden': 403,
  'auth.sso_invalid': 401,
  'auth.sso_unavailable': 503,
  'rating.not_closed': 422,
  'monitoring.closed': 409,
  'monitoring.assistance_unavailable': 422,
  'assistance.authorisation_missing': 422,
  'assistance.verification_incomplete': 422,
  'assistance.same_investigator': 422,
  'assistance.finding_resolved': 409,
  'assistance.nothing_granted': 422,
  'assistance.decision_changed': 422,
  'assistance.publicity_running': 422,
  'assistance.objection_open': 422,
  'assistance.objection_resolved': 409,
  'assistance.publicity_closed': 422,
  'assistance.extension_used': 422,
  'assistance.no_department': 422,
  'assistance.policy_missing': 422,
  'assistance.notice_unavailable': 422,
  'policy.not_withdrawable': 409,
  'payroll.maker_checker': 403,
  'payroll.state': 409,
  'enrollment.state': 409,
  'exchange.category_disabled': 409,
  'exchange.authorisation_missing': 422,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly messageZh: string;
  readonly messageEn: string;
  readonly fields: FieldError[];

  constructor(code: ErrorCode, messageZh: string, messageEn: string, fields: FieldError[] = []) {
    super(messageEn);
    this.name = 'AppError';
    this.code = code;
    this.messageZh = messageZh;
    this.messageEn = messageEn;
    this.fields = fields;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  toJSON() {
    return { code: this.code, message_zh: this.messageZh, message_en: this.messageEn, fields: this.fields };
  }
}

/** Outside your scope and not found look the same. */
export function notFound(what: string, whatZh: string): AppError {
  return new AppError('not_found', `${whatZh}不存在`, `${what} not found`);
}

export function invalidField(field: string, zh: string, en: string): AppError {
  return new AppError('request.invalid', `输入有误:${zh}`, `Invalid input: ${en}`, [
    { field, message_zh: zh, message_en: en },
  ]);
}
