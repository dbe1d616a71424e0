import { hashPassword } from '../../core/auth/auth.service.ts';
import { ROLES } from '../../core/auth/roles.ts';
import type { Database } from '../database.ts';

/** The password of every demo account (documented in the README; demo mode only). */
export const DEMO_PASSWORD = 'Huimin@2026';

/** 分办转办 targets of 武隆区 besides 医保局: education, housing, employment (assistance transfers pick them by name). */
const DEPARTMENT_ORGS = [
  { key: 'edu', name: '武隆区教育委员会', kind: 'department', regionCode: '500156' },
  { key: 'housing', name: '武隆区住房和城乡建设委员会', kind: 'department', regionCode: '500156' },
  { key: 'hrss', name: '武隆区人力资源和社会保障局', kind: 'department', regionCode: '500156' },
];

interface DemoOrg {
  key: string;
  name: string;
  kind: string;
  regionCode: string;
  parent?: string;
}

/** 武隆区: the district bureau, two townships (仙女山街道, 白马镇) and one village in each. */
export const DEMO_ORGS: DemoOrg[] = [
  { key: 'cq', name: '重庆市民政局', kind: 'city_bureau', regionCode: '50' },
  { key: 'wl', name: '武隆区民政局', kind: 'district_bureau', regionCode: '500156', parent: 'cq' },
  { key: 'xns', name: '仙女山街道社会事务办', kind: 'township_office', regionCode: '500156003', parent: 'wl' },
  { key: 'bm', name: '白马镇社会事务办', kind: 'township_office', regionCode: '500156101', parent: 'wl' },
  { key: 'jz', name: '荆竹村村民委员会', kind: 'village_committee', regionCode: '500156003204', parent: 'xns' },
  { key: 'ds', name: '东升村村民委员会', kind: 'village_committee', regionCode: '500156101202', parent: 'bm' },
  { key: 'med', name: '武隆区医疗保障局', kind: 'department', regionCode: '500156', parent: 'wl' },
  ...DEPARTMENT_ORGS.map((o) => ({ ...o, parent: 'wl' })),
];

export interface DemoUser {
  username: string;
  displayName: string;
  org: string;
  regionScope: string;
  roles: string[];
}

export const DEMO_USERS: DemoUser[] = [
  { username: 'admin', displayName: '系统管理员', org: 'wl', regionScope: '500156', roles: ['sys_admin'] },
  { username: 'wl_leader', displayName: '武隆区民政局 局长', org: 'wl', regionScope: '500156', roles: ['leader'] },
  {
    username: 'wl_approver',
    displayName: '武隆区 审批员 陈敏',
    org: 'wl',
    regionScope: '500156',
    roles: ['district_approver'],
  },
  {
    // A second district approver: payroll runs need a checker other than the maker (maker-checker).
    username: 'wl_checker',
    displayName: '武隆区 社会救助科 复核员 周静',
    org: 'wl',
    regionScope: '500156',
    roles: ['district_approver'],
  },
  {
    username: 'xns_clerk',
    displayName: '仙女山街道 受理员 刘芳',
    org: 'xns',
    regionScope: '500156003',
    roles: ['township_clerk'],
  },
  {
    username: 'xns_reviewer',
    displayName: '仙女山街道 审核员 王强',
    org: 'xns',
    regionScope: '500156003',
    roles: ['township_reviewer'],
  },
  {
    username: 'bm_clerk',
    displayName: '白马镇 受理员 张丽',
    org: 'bm',
    regionScope: '500156101',
    roles: ['township_clerk'],
  },
  {
    username: 'bm_reviewer',
    displayName: '白马镇 审核员 向军',
    org: 'bm',
    regionScope: '500156101',
    roles: ['township_reviewer'],
  },
  {
    username: 'jz_coord',
    displayName: '荆竹村 协理员 冉红',
    org: 'jz',
    regionScope: '500156003204',
    roles: ['village_coordinator'],
  },
  {
    username: 'wl_medical',
    displayName: '武隆区医疗保障局 经办人 黄涛',
    org: 'med',
    regionScope: '500156',
    roles: ['department_liaison'],
  },
  {
    username: 'ds_coord',
    displayName: '东升村 协理员 田勇',
    org: 'ds',
    regionScope: '500156101202',
    roles: ['village_coordinator'],
  },
];

/** Roles always; demo organisations and users when asked. Safe to run again (nothing is duplicated). */
export async function seedAccess(db: Database, withDemoUsers: boolean): Promise<void> {
  for (const r of ROLES) {
    await db.query(
      `INSERT INTO role (code, name_zh, name_en, level, permissions, business_lines) VALUES ($1,$2,$3,$4,$5,$6)
       ON CONFLICT (code) DO UPDATE SET name_zh = $2, name_en = $3, level = $4, permissions = $5, business_lines = $6`,
      [r.code, r.nameZh, r.nameEn, r.level, r.permissions, r.businessLines],
    );
  }
  if (!withDemoUsers) return;
  const existing = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM organisation');
  if (existing.rows[0].n > 0) {
    await addMissingDepartments(db);
    return;
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const ids = new Map<string, string>();
    for (const o of DEMO_ORGS) {
      const { rows } = await tx.query<{ id: string }>(
        'INSERT INTO organisation (name, kind, region_code, parent_id) VALUES ($1,$2,$3,$4) RETURNING id',
        [o.name, o.kind, o.regionCode, o.parent ? ids.get(o.parent) : null],
      );
      ids.set(o.key, rows[0].id);
    }
    for (const u of DEMO_USERS) {
      const { rows } = await tx.query<{ id: string }>(
        `INSERT INTO app_user (username, display_name, password_hash, org_id, region_scope) VALUES ($1,$2,$3,$4,$5) RETURNING id`,
        [u.username, u.displayName, passwordHash, ids.get(u.org), u.regionScope],
      );
      for (const role of u.roles) {
        await tx.query('INSERT INTO user_role (user_id, role_code) VALUES ($1,$2)', [rows[0].id, role]);
      }
    }
  });
}

/** Demo databases seeded before the departments existed get them once (matched by name; nothing duplicated). */
async function addMissingDepartments(db: Database): Promise<void> {
  for (const o of DEPARTMENT_ORGS) {
    await db.query(
      `INSERT INTO organisation (name, kind, region_code, parent_id)
       SELECT $1, $2, $3, (SELECT id FROM organisation WHERE kind = 'district_bureau' AND region_code = $3 LIMIT 1)
       WHERE NOT EXISTS (SELECT 1 FROM organisation WHERE name = $1)`,
      [o.name, o.kind, o.regionCode],
    );
  }
}
