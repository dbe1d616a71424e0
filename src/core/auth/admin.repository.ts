import type { Queryable } from '../../db/database.ts';
import type { Actor } from './actor.ts';

/** Users visible to an administrator: those whose scope lies within the administrator's own. */
export async function listUsers(db: Queryable, actor: Actor, q: string | undefined, limit: number, offset: number) {
  const params: unknown[] = [`${actor.regionScope}%`];
  let where = 'u.region_scope LIKE $1';
  if (q) {
    params.push(`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where += ` AND (u.username LIKE $${params.length} OR u.display_name LIKE $${params.length})`;
  }
  const total = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM app_user u WHERE ${where}`, params);
  params.push(limit, offset);
  const { rows } = await db.query<{
    id: string;
    username: string;
    display_name: string;
    org_id: string;
    org_name: string;
    region_scope: string;
    is_active: boolean;
    locked_until: Date | null;
    roles: string[] | null;
  }>(
    `SELECT u.id, u.username, u.display_name, u.org_id, o.name AS org_name, u.region_scope, u.is_active, u.locked_until,
       (SELECT array_agg(role_code ORDER BY role_code) FROM user_role ur WHERE ur.user_id = u.id) AS roles
     FROM app_user u JOIN organisation o ON o.id = u.org_id
     WHERE ${where} ORDER BY u.region_scope, u.username LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return { total: total.rows[0].n, rows };
}

export async function findUserInScope(db: Queryable, actor: Actor, id: string) {
  const { rows } = await db.query<{ id: string; username: string; region_scope: string; version: number }>(
    'SELECT id, username, region_scope, version FROM app_user WHERE id = $1 AND region_scope LIKE $2',
    [id, `${actor.regionScope}%`],
  );
  return rows[0];
}

export async function insertUser(
  tx: Queryable,
  u: {
    username: string;
    displayName: string;
    passwordHash: string;
    orgId: string;
    regionScope: string;
    mustChangePassword: boolean;
  },
): Promise<string | undefined> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO app_user (username, display_name, password_hash, org_id, region_scope, must_change_password)
     VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT (username) DO NOTHING RETURNING id`,
    [u.username, u.displayName, u.passwordHash, u.orgId, u.regionScope, u.mustChangePassword],
  );
  return rows[0]?.id;
}

export async function setUserRoles(tx: Queryable, userId: string, roles: string[]) {
  await tx.query('DELETE FROM user_role WHERE user_id = $1', [userId]);
  for (const role of roles)
    await tx.query('INSERT INTO user_role (user_id, role_code) VALUES ($1, $2)', [userId, role]);
}

export async function listRoles(db: Queryable) {
  const { rows } = await db.query<{
    code: string;
    name_zh: string;
    name_en: string;
    level: string;
    permissions: string[];
    business_lines: string[];
  }>('SELECT * FROM role ORDER BY code');
  return rows;
}

export async function listOrgs(db: Queryable, actor: Actor) {
  const { rows } = await db.query<{
    id: string;
    name: string;
    kind: string;
    region_code: string;
    parent_id: string | null;
  }>(
    'SELECT id, name, kind, region_code, parent_id FROM organisation WHERE region_code LIKE $1 ORDER BY region_code, name',
    [`${actor.regionScope}%`],
  );
  return rows;
}

export async function findOrgInScope(db: Queryable, actor: Actor, id: string) {
  const { rows } = await db.query<{ id: string; region_code: string }>(
    'SELECT id, region_code FROM organisation WHERE id = $1 AND region_code LIKE $2',
    [id, `${actor.regionScope}%`],
  );
  return rows[0];
}

export async function insertOrg(
  tx: Queryable,
  o: { name: string; kind: string; regionCode: string; parentId: string | null },
) {
  const { rows } = await tx.query<{ id: string }>(
    'INSERT INTO organisation (name, kind, region_code, parent_id) VALUES ($1,$2,$3,$4) RETURNING id',
    [o.name, o.kind, o.regionCode, o.parentId],
  );
  return rows[0].id;
}
