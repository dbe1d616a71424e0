/** Business lines of the platform (one module folder each); a role covers some of them. */
export const BUSINESS_LINES = [
  'registry',
  'assistance',
  'monitoring',
  'elderly',
  'children',
  'disability',
  'marriage',
  'funeral',
  'orgs',
  'charity',
  'placenames',
  'safety',
  'petitions',
] as const;

export const PERMISSIONS = {
  'registry:read': '查看居民与家庭',
  'registry:write': '登记和修改居民与家庭',
  'registry:reveal': '查看完整身份证号和电话(留痕)',
  'registry:export': '导出居民名单',
  'case:read': '查看办件',
  'case:act': '办理办件',
  'admin:users': '管理用户',
  'admin:orgs': '管理机构',
  'admin:roles': '查看角色',
  'audit:read': '查看审计日志',
  'jobs:read': '查看任务',
  'jobs:run': '运行任务',
  'admin:dicts': '管理字典(本地扩展代码)',
  'admin:settings': '修改系统参数',
  'notices:publish': '发布通知公告',
  'policy:edit': '维护政策参数(新增、撤回未生效的值)',
  'transfer:reply': '回复转办事项(其他部门)',
} as const;

export type Permission = keyof typeof PERMISSIONS;

export interface RoleDef {
  code: string;
  nameZh: string;
  nameEn: string;
  level: 'city' | 'district' | 'township' | 'village' | 'provider' | 'department';
  permissions: Permission[];
  businessLines: string[];
}

const ALL_LINES = [...BUSINESS_LINES];

/** The built-in roles, seeded into the role table; one per job that civil-affairs staff actually do. */
export const ROLES: RoleDef[] = [
  {
    code: 'sys_admin',
    nameZh: '系统管理员',
    nameEn: 'System administrator',
    level: 'city',
    permissions: [
      'registry:read',
      'admin:users',
      'admin:orgs',
      'admin:roles',
      'audit:read',
      'jobs:read',
      'jobs:run',
      'case:read',
      'admin:dicts',
      'admin:settings',
      'notices:publish',
      'policy:edit',
    ],
    businessLines: ALL_LINES,
  },
  {
    code: 'leader',
    nameZh: '局领导',
    nameEn: 'Bureau leader',
    level: 'district',
    permissions: ['registry:read', 'case:read', 'audit:read', 'notices:publish'],
    businessLines: ALL_LINES,
  },
  {
    code: 'district_approver',
    nameZh: '区县审批员',
    nameEn: 'District approver',
    level: 'district',
    permissions: ['registry:read', 'registry:reveal', 'registry:export', 'case:read', 'case:act', 'jobs:read'],
    businessLines: ['registry', 'assistance', 'monitoring'],
  },
  {
    code: 'township_clerk',
    nameZh: '乡镇窗口受理员',
    nameEn: 'Township window clerk',
    level: 'township',
    permissions: ['registry:read', 'registry:write', 'registry:reveal', 'registry:export', 'case:read', 'case:act'],
    businessLines: ['registry', 'assistance'],
  },
  {
    code: 'township_reviewer',
    nameZh: '乡镇审核员',
    nameEn: 'Township reviewer',
    level: 'township',
    permissions: ['registry:read', 'registry:reveal', 'case:read', 'case:act'],
    businessLines: ['registry', 'assistance', 'monitoring'],
  },
  {
    code: 'village_coordinator',
    nameZh: '村(社区)社会救助协理员',
    nameEn: 'Village assistance coordinator',
    level: 'village',
    permissions: ['registry:read', 'case:read', 'case:act'],
    businessLines: ['registry', 'assistance', 'monitoring'],
  },
  {
    // 分办转办: another department's liaison sees the needs transferred to its organisation and replies; no cases
    code: 'department_liaison',
    nameZh: '部门经办人(转办承接)',
    nameEn: 'Department liaison (transferred needs)',
    level: 'department',
    permissions: ['transfer:reply'],
    businessLines: [],
  },
];
