import { API_BASE, ApiError } from './api.ts';
import type { ApiErrorBody } from './types.ts';

/** Requests of the social-assistance pages that the JSON helper in api.ts does not cover: a fixed key, multipart. */

const NETWORK_ERROR: ApiErrorBody = {
  code: 'network',
  message_zh: '网络连接失败，请稍后重试',
  message_en: 'Network error, please retry',
  fields: [],
};

async function errorOf(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => null)) as ApiErrorBody | null;
  if (body && typeof body.code === 'string') return new ApiError(response.status, body);
  return new ApiError(response.status, {
    code: `http.${response.status}`,
    message_zh: `服务器错误（${response.status}）`,
    message_en: `Server error (${response.status})`,
    fields: [],
  });
}

/** POST with a fixed Idempotency-Key, so a retry of the same form (double click, flaky network) creates nothing twice. */
export async function postOnce<T>(path: string, payload: unknown, key: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Idempotency-Key': key },
      body: JSON.stringify(payload),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, NETWORK_ERROR);
  }
  if (!response.ok) throw await errorOf(response);
  return (await response.json()) as T;
}

/** Uploads one file as multipart/form-data: the `kind` field first, then the file (the server reads them in order). */
export async function uploadDocument(path: string, kind: string, file: Blob, fileName: string): Promise<void> {
  const body = new FormData();
  body.append('kind', kind);
  body.append('file', file, fileName);
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, { method: 'POST', body, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, NETWORK_ERROR);
  }
  if (!response.ok) throw await errorOf(response);
}

/** Yuan typed by a person (may be '1,500.5' or empty) → integer fen; 0 when empty; null when not an amount ≥ 0. */
export function yuanToFen(text: string | number | null | undefined): number | null {
  if (typeof text === 'number') return Number.isFinite(text) && text >= 0 ? Math.round(text * 100) : null;
  const cleaned = (text ?? '').replace(/[,，\s]/g, '');
  if (cleaned === '') return 0;
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return null;
  return Math.round(Number(cleaned) * 100);
}
