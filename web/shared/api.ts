import type { ApiErrorBody, FieldError } from './types.ts';

export const API_BASE = '/api/v1';

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** A multipart body (file uploads); the browser sets its Content-Type with the boundary. */
  form?: FormData;
  /** Send an `Idempotency-Key` header (creating POSTs). */
  idempotent?: boolean;
  /** Do not trigger the global 401 handler (login form, portal pages handle 401 themselves). */
  skipAuthRedirect?: boolean;
  signal?: AbortSignal;
}

/** Error thrown for every non-2xx response (and for network failures, with status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly message_zh: string;
  readonly message_en: string;
  readonly fields: FieldError[];

  constructor(status: number, body: ApiErrorBody) {
    super(body.message_en || body.message_zh || body.code);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.message_zh = body.message_zh;
    this.message_en = body.message_en;
    this.fields = body.fields ?? [];
  }
}

type UnauthorizedHandler = (error: ApiError) => void;
const unauthorizedHandlers = new Set<UnauthorizedHandler>();

/** Register a callback for any 401 response (except requests made with `skipAuthRedirect`). */
export function onUnauthorized(handler: UnauthorizedHandler): () => void {
  unauthorizedHandlers.add(handler);
  return () => {
    unauthorizedHandlers.delete(handler);
  };
}

export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.append(key, String(value));
  }
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

/** RFC 4122 v4 UUID; falls back to getRandomValues on plain-http intranet hosts where randomUUID is missing. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  return typeof value === 'object' && value !== null && 'code' in value && typeof value.code === 'string';
}

function fallbackError(status: number): ApiErrorBody {
  if (status === 0) {
    return {
      code: 'network',
      message_zh: '网络连接失败，请稍后重试',
      message_en: 'Network error, please retry',
      fields: [],
    };
  }
  return {
    code: `http.${status}`,
    message_zh: `服务器错误（${status}）`,
    message_en: `Server error (${status})`,
    fields: [],
  };
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: string | FormData | undefined;
  if (options.form !== undefined) {
    body = options.form;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  } else if (method !== 'GET' && method !== 'HEAD') {
    // Fastify rejects an empty body with a JSON content type, so send `{}` for body-less POSTs.
    headers['Content-Type'] = 'application/json';
    body = '{}';
  }
  if (options.idempotent) headers['Idempotency-Key'] = newIdempotencyKey();

  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, fallbackError(0));
  }

  const contentType = response.headers.get('content-type') ?? '';
  const payload: unknown = contentType.includes('application/json') ? await response.json().catch(() => null) : null;

  if (!response.ok) {
    const error = new ApiError(response.status, isErrorBody(payload) ? payload : fallbackError(response.status));
    if (response.status === 401 && !options.skipAuthRedirect) {
      for (const handler of unauthorizedHandlers) handler(error);
    }
    throw error;
  }
  return payload as T;
}

export const api = {
  get: <T>(path: string, query?: Query, options?: Omit<RequestOptions, 'query' | 'body'>) =>
    request<T>('GET', path, { ...options, query }),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('POST', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('PATCH', path, { ...options, body }),
  /** POST a file as multipart/form-data (field `file`), with an Idempotency-Key so a double click uploads once. */
  upload: <T>(path: string, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return request<T>('POST', path, { form, idempotent: true });
  },
};

/** Pick the server message in the UI language. */
export function errorText(error: unknown, english: boolean): string {
  if (error instanceof ApiError) {
    return (english ? error.message_en || error.message_zh : error.message_zh || error.message_en) || error.code;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Antd form `setFields` payload for the server's field errors (`a.b` → name path ['a', 'b']). */
export function fieldErrors(error: unknown, english: boolean): { name: string[]; errors: string[] }[] {
  if (!(error instanceof ApiError)) return [];
  return error.fields.map((f) => ({
    name: f.field.split('.'),
    errors: [(english ? f.message_en || f.message_zh : f.message_zh || f.message_en) || f.field],
  }));
}
