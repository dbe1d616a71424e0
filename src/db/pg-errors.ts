/**
 * A unique violation (SQLSTATE 23505) from either engine: the constraint (index) name when the server names it, ''
 * when it does not; undefined for any other error.
 */
export function uniqueViolation(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null || !('code' in err) || err.code !== '23505') return undefined;
  return 'constraint' in err && typeof err.constraint === 'string' ? err.constraint : '';
}
