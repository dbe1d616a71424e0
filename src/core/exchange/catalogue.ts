/**
 * The department data exchange catalogue (DOMAIN §1.5): 13 departments, 36 data categories, each with its field
 * schema. Shipped here and seeded once into exchange_department / exchange_category; administrators may then rename,
 * relabel and switch categories on and off (the stored row wins over this file).
 *
 * Every category has the same four standard fields — the department's own record id, the subject's ID number (turned
 * into the blind index, never stored), the subject's name (masked) and the date the fact occurred — plus an amount
 * where one applies and its own fields. Money is yuan with up to two decimals in files and pushes, fen when stored.
 */

export type FieldType = 'text' | 'date' | 'money' | 'int' | 'code';

export interface FieldOption {
  code: string;
  labelZh: string;
  labelEn: string;
}

export interface CategoryField {
  key: string;
  labelZh: string;
  labelEn: string;
  type: FieldType;
  required: boolean;
  /** Personal data: never kept in plain text (the subject ID becomes the blind index, the rest is masked). */
  sensitive: boolean;
  /** For 'code' fields: the allowed codes. */
  options?: FieldOption[];
}

export interface DepartmentDef {
  code: string;
  nameZh: string;
  nameEn: string;
}

export interface CategoryDef {
  code: string;
  departmentCode: string;
  nameZh: string;
  nameEn: string;
  fields: CategoryField[];
}

/** Keys of the standard fields every category has. */
export const RECORD_ID_FIELD = 'record_id';
export const SUBJECT_FIELD = 'id_number';
export const NAME_FIELD = 'name';
export const OCCURRED_FIELD = 'occurred_on';
export const AMOUNT_FIELD = 'amount';

export const DEPARTMENTS: DepartmentDef[] = [
  { code: 'police', nameZh: '公安', nameEn: 'Public security' },
  { code: 'hrss', nameZh: '人力资源和社会保障', nameEn: 'Human resources and social security' },
  { code: 'medical_insurance', nameZh: '医疗保障', nameEn: 'Medical insurance' },
  { code: 'tax', nameZh: '税务', nameEn: 'Taxation' },
  { code: 'real_estate', nameZh: '不动产登记', nameEn: 'Real estate registration' },
  { code: 'market_regulation', nameZh: '市场监管', nameEn: 'Market regulation' },
  { code: 'provident_fund', nameZh: '住房公积金', nameEn: 'Housing provident fund' },
  { code: 'bank', nameZh: '银行', nameEn: 'Banks' },
  { code: 'insurer', nameZh: '保险机构', nameEn: 'Insurers' },
  { code: 'securities', nameZh: '证券机构', nameEn: 'Securities firms' },
  { code: 'disabled_federation', nameZh: '残疾人联合会', nameEn: "Disabled persons' federation" },
  { code: 'health', nameZh: '卫生健康', nameEn: 'Health' },
  { code: 'court', nameZh: '人民法院', nameEn: 'Courts' },
];

const opt = (code: string, labelZh: string, labelEn: string): FieldOption => ({ code, labelZh, labelEn });
const f = (
  key: string,
  labelZh: string,
  labelEn: string,
  type: FieldType,
  extra: { required?: boolean; sensitive?: boolean; options?: FieldOption[] } = {},
): CategoryField => ({
  key,
  labelZh,
  labelEn,
  type,
  required: extra.required ?? false,
  sensitive: extra.sensitive ?? false,
  ...(extra.options ? { options: extra.options } : {}),
});

const amount = (labelZh: string, labelEn: string, required = true) =>
  f(AMOUNT_FIELD, labelZh, labelEn, 'money', { required });

function category(
  code: string,
  departmentCode: string,
  nameZh: string,
  nameEn: string,
  occurredZh: string,
  occurredEn: string,
  own: CategoryField[],
): CategoryDef {
  return {
    code,
    departmentCode,
    nameZh,
    nameEn,
    fields: [
      f(RECORD_ID_FIELD, '部门记录编号', 'Department record id', 'text'),
      f(SUBJECT_FIELD, '身份证号', 'ID number', 'text', { required: true, sensitive: true }),
      f(NAME_FIELD, '姓名', 'Name', 'text', { sensitive: true }),
      f(OCCURRED_FIELD, occurredZh, occurredEn, 'date', { required: true }),
      ...own,
    ],
  };
}

const STATUS_ACTIVE = [opt('active', '有效', 'active'), opt('cancelled', '注销', 'cancelled')];
const DISABILITY_CATEGORIES = [
  opt('visual', '视力残疾', 'visual'),
  opt('hearing', '听力残疾', 'hearing'),
  opt('speech', '言语残疾', 'speech'),
  opt('physical', '肢体残疾', 'physical'),
  opt('intellectual', '智力残疾', 'intellectual'),
  opt('psychiatric', '精神残疾', 'psychiatric'),
  opt('multiple', '多重残疾', 'multiple'),
];

export const CATEGORIES: CategoryDef[] = [
  // 公安
  category('police_household_change', 'police', '户籍变动', 'Household register changes', '变动日期', 'Changed on', [
    f('change_type', '变动类型', 'Change type', 'code', {
      required: true,
      options: [
        opt('move_in', '迁入', 'moved in'),
        opt('move_out', '迁出', 'moved out'),
        opt('birth', '出生登记', 'birth'),
        opt('cancel', '注销', 'cancelled'),
      ],
    }),
    f('region_code', '变动后户籍地', 'Registered region after', 'text'),
  ]),
  category('police_death', 'police', '死亡注销', 'Deaths (register cancelled)', '死亡日期', 'Died on', [
    f('cause', '注销原因', 'Reason', 'text'),
  ]),
  category('police_vehicle', 'police', '机动车登记', 'Motor vehicles', '登记日期', 'Registered on', [
    f('plate', '号牌号码', 'Plate', 'text', { required: true }),
    f('vehicle_type', '车辆类型', 'Vehicle type', 'code', {
      required: true,
      options: [
        opt('car', '小型汽车', 'car'),
        opt('truck', '货车', 'truck'),
        opt('motorcycle', '摩托车', 'motorcycle'),
        opt('farm', '农用车', 'farm vehicle'),
      ],
    }),
    amount('购置价格(元)', 'Purchase price (yuan)'),
    f('status', '状态', 'Status', 'code', { options: STATUS_ACTIVE }),
  ]),
  category('police_detention', 'police', '羁押与服刑', 'Detention and imprisonment', '收押日期', 'Detained on', [
    f('kind', '类型', 'Kind', 'code', {
      required: true,
      options: [opt('detention', '羁押', 'detention'), opt('imprisonment', '服刑', 'imprisonment')],
    }),
    f('release_on', '预计释放日期', 'Expected release', 'date'),
  ]),
  category('police_drug_rehab', 'police', '强制隔离戒毒', 'Compulsory drug rehabilitation', '入所日期', 'Admitted on', [
    f('release_on', '预计出所日期', 'Expected release', 'date'),
  ]),
  // 人社
  category('hrss_pension', 'hrss', '养老金发放', 'Pension payments', '发放日期', 'Paid on', [
    f('pension_type', '养老保险类型', 'Pension type', 'code', {
      required: true,
      options: [
        opt('employee', '城镇职工基本养老保险', 'employees'),
        opt('resident', '城乡居民基本养老保险', 'residents'),
      ],
    }),
    amount('发放金额(元)', 'Amount paid (yuan)'),
  ]),
  category(
    'hrss_unemployment',
    'hrss',
    '失业登记与失业保险金',
    'Unemployment',
    '登记/发放日期',
    'Registered or paid on',
    [
      f('kind', '类型', 'Kind', 'code', {
        required: true,
        options: [opt('registered', '失业登记', 'registered unemployed'), opt('benefit', '失业保险金', 'benefit paid')],
      }),
      amount('金额(元)', 'Amount (yuan)', false),
    ],
  ),
  category('hrss_employment', 'hrss', '就业登记与工资', 'Employment and wages', '所属月份首日', 'Month (first day)', [
    f('employer', '用人单位', 'Employer', 'text'),
    amount('月工资(元)', 'Monthly wage (yuan)'),
  ]),
  category(
    'hrss_social_insurance',
    'hrss',
    '社会保险缴费',
    'Social insurance contributions',
    '缴费月份首日',
    'Month (first day)',
    [f('insurance_type', '险种', 'Insurance', 'text'), amount('缴费基数(元)', 'Contribution base (yuan)')],
  ),
  category('hrss_work_injury', 'hrss', '工伤保险待遇', 'Work-injury benefits', '发放日期', 'Paid on', [
    f('care_level', '生活护理等级', 'Care level', 'int'),
    amount('发放金额(元)', 'Amount paid (yuan)'),
  ]),
  // 医保
  category('medical_hospitalisation', 'medical_insurance', '住院结算', 'Hospitalisation', '出院日期', 'Discharged on', [
    f('hospital', '医疗机构', 'Hospital', 'text'),
    f('diagnosis', '主要诊断', 'Main diagnosis', 'text', { sensitive: true }),
    amount('医疗总费用(元)', 'Total cost (yuan)'),
    f('self_paid', '个人自付(元)', 'Self-paid (yuan)', 'money', { required: true }),
  ]),
  category(
    'medical_self_paid',
    'medical_insurance',
    '门诊个人自付费用',
    'Outpatient self-paid costs',
    '结算日期',
    'Settled on',
    [f('institution', '医疗机构', 'Institution', 'text'), amount('个人自付金额(元)', 'Self-paid amount (yuan)')],
  ),
  category(
    'medical_chronic_disease',
    'medical_insurance',
    '门诊慢特病认定',
    'Chronic and major disease',
    '认定日期',
    'Recognised on',
    [
      f('disease', '病种', 'Disease', 'text', { required: true, sensitive: true }),
      f('major', '是否重特大疾病', 'Major disease', 'code', {
        options: [opt('yes', '是', 'yes'), opt('no', '否', 'no')],
      }),
    ],
  ),
  // 税务
  category('tax_wage_income', 'tax', '工资薪金所得', 'Wage income', '所属月份首日', 'Month (first day)', [
    f('payer', '扣缴义务人', 'Payer', 'text'),
    amount('收入额(元)', 'Income (yuan)'),
  ]),
  category('tax_business_income', 'tax', '经营所得', 'Business income', '所属期末日', 'Period end', [
    amount('应纳税所得额(元)', 'Taxable income (yuan)'),
  ]),
  category('tax_property_income', 'tax', '财产租赁与转让所得', 'Property income', '所属期末日', 'Period end', [
    f('kind', '所得类型', 'Kind', 'code', {
      required: true,
      options: [
        opt('rent', '财产租赁', 'rent'),
        opt('transfer', '财产转让', 'transfer'),
        opt('interest', '利息股息', 'interest'),
      ],
    }),
    amount('收入额(元)', 'Income (yuan)'),
  ]),
  // 不动产
  category('real_estate_title', 'real_estate', '不动产权登记', 'Real estate titles', '登簿日期', 'Registered on', [
    f('certificate_no', '不动产权证号', 'Title number', 'text', { required: true }),
    f('usage', '用途', 'Use', 'code', {
      required: true,
      options: [
        opt('residential', '住宅', 'residential'),
        opt('commercial', '商业', 'commercial'),
        opt('other', '其他', 'other'),
      ],
    }),
    f('area_m2', '建筑面积(平方米)', 'Floor area (m²)', 'int'),
    amount('登记价格(元)', 'Registered value (yuan)', false),
    f('status', '状态', 'Status', 'code', { options: STATUS_ACTIVE }),
  ]),
  category(
    'real_estate_transaction',
    'real_estate',
    '不动产交易',
    'Real estate transactions',
    '交易日期',
    'Traded on',
    [
      f('direction', '买卖方向', 'Direction', 'code', {
        required: true,
        options: [opt('purchase', '购入', 'purchase'), opt('sale', '出售', 'sale')],
      }),
      amount('成交价(元)', 'Price (yuan)'),
    ],
  ),
  // 市场监管
  category('market_business', 'market_regulation', '企业登记', 'Business registrations', '成立日期', 'Established on', [
    f('business_name', '企业名称', 'Business name', 'text', { required: true }),
    f('role', '担任职务', 'Role', 'code', {
      options: [opt('legal_rep', '法定代表人', 'legal representative'), opt('shareholder', '股东', 'shareholder')],
    }),
    f('employees', '从业人数', 'Employees', 'int'),
    amount('注册资本(元)', 'Registered capital (yuan)', false),
    f('status', '状态', 'Status', 'code', { options: STATUS_ACTIVE }),
  ]),
  category('market_sole_trader', 'market_regulation', '个体工商户登记', 'Sole traders', '登记日期', 'Registered on', [
    f('business_name', '字号名称', 'Trade name', 'text', { required: true }),
    f('employees', '雇工人数', 'Employees', 'int'),
    f('status', '状态', 'Status', 'code', { options: STATUS_ACTIVE }),
  ]),
  // 公积金
  category(
    'provident_fund_account',
    'provident_fund',
    '公积金缴存',
    'Provident fund account',
    '对账日期',
    'Statement date',
    [f('monthly_deposit', '月缴存额(元)', 'Monthly deposit (yuan)', 'money'), amount('账户余额(元)', 'Balance (yuan)')],
  ),
  category(
    'provident_fund_withdrawal',
    'provident_fund',
    '公积金提取',
    'Provident fund withdrawals',
    '提取日期',
    'Withdrawn on',
    [f('reason', '提取原因', 'Reason', 'text'), amount('提取金额(元)', 'Amount (yuan)')],
  ),
  // 银行
  category('bank_deposit', 'bank', '银行存款', 'Bank deposits', '余额日期', 'Balance date', [
    f('bank', '开户银行', 'Bank', 'text', { required: true }),
    f('account_no', '账号', 'Account number', 'text', { sensitive: true }),
    amount('余额(元)', 'Balance (yuan)'),
  ]),
  category('bank_wealth', 'bank', '银行理财', 'Bank wealth products', '估值日期', 'Valued on', [
    f('bank', '销售银行', 'Bank', 'text', { required: true }),
    f('product', '产品名称', 'Product', 'text'),
    amount('市值(元)', 'Value (yuan)'),
  ]),
  // 保险
  category('insurance_policy', 'insurer', '商业保险保单', 'Insurance policies', '保单日期', 'Policy date', [
    f('insurer', '保险公司', 'Insurer', 'text', { required: true }),
    f('policy_no', '保单号', 'Policy number', 'text', { sensitive: true }),
    amount('现金价值(元)', 'Cash value (yuan)'),
  ]),
  category('insurance_payout', 'insurer', '保险给付', 'Insurance payouts', '给付日期', 'Paid on', [
    f('insurer', '保险公司', 'Insurer', 'text', { required: true }),
    f('kind', '给付类型', 'Kind', 'code', {
      options: [opt('annuity', '年金', 'annuity'), opt('claim', '理赔', 'claim'), opt('maturity', '满期', 'maturity')],
    }),
    amount('给付金额(元)', 'Amount (yuan)'),
  ]),
  // 证券
  category('securities_account', 'securities', '证券资产', 'Securities holdings', '估值日期', 'Valued on', [
    f('broker', '证券公司', 'Broker', 'text', { required: true }),
    f('account_no', '资金账号', 'Account number', 'text', { sensitive: true }),
    amount('资产市值(元)', 'Market value (yuan)'),
  ]),
  category('securities_fund', 'securities', '基金份额', 'Fund holdings', '估值日期', 'Valued on', [
    f('fund', '基金名称', 'Fund', 'text', { required: true }),
    amount('持有市值(元)', 'Value (yuan)'),
  ]),
  // 残联
  category(
    'disability_certificate',
    'disabled_federation',
    '残疾人证',
    'Disability certificates',
    '发证日期',
    'Issued on',
    [
      f('disability_category', '残疾类别', 'Category', 'code', { required: true, options: DISABILITY_CATEGORIES }),
      f('disability_level', '残疾等级', 'Level (1-4)', 'int', { required: true }),
      f('status', '状态', 'Status', 'code', { options: STATUS_ACTIVE }),
    ],
  ),
  category(
    'disability_rehabilitation',
    'disabled_federation',
    '残疾人康复救助',
    'Rehabilitation aid',
    '救助日期',
    'Aided on',
    [f('service', '康复项目', 'Service', 'text'), amount('救助金额(元)', 'Amount (yuan)', false)],
  ),
  // 卫健
  category('health_birth', 'health', '出生医学证明', 'Birth certificates', '出生日期', 'Born on', [
    f('mother_id_number', '母亲身份证号', "Mother's ID number", 'text', { sensitive: true }),
    f('institution', '接生机构', 'Institution', 'text'),
  ]),
  category('health_death', 'health', '死亡医学证明', 'Medical death certificates', '死亡日期', 'Died on', [
    f('place', '死亡地点', 'Place', 'code', {
      options: [opt('hospital', '医疗机构', 'hospital'), opt('home', '家中', 'home'), opt('other', '其他', 'other')],
    }),
  ]),
  category('health_family_planning', 'health', '计划生育特别扶助', 'Family-planning support', '发放日期', 'Paid on', [
    amount('发放金额(元)', 'Amount paid (yuan)'),
  ]),
  // 法院
  category('court_enforcement', 'court', '被执行人信息', 'Enforcement cases', '立案日期', 'Filed on', [
    f('case_no', '案号', 'Case number', 'text', { required: true }),
    amount('执行标的(元)', 'Amount (yuan)'),
  ]),
  category('court_dishonest', 'court', '失信被执行人', 'Dishonest judgement debtors', '发布日期', 'Published on', [
    f('case_no', '案号', 'Case number', 'text', { required: true }),
  ]),
  category('court_missing', 'court', '宣告失踪与死亡', 'Declared missing or dead', '判决日期', 'Judged on', [
    f('kind', '类型', 'Kind', 'code', {
      required: true,
      options: [opt('missing', '宣告失踪', 'declared missing'), opt('dead', '宣告死亡', 'declared dead')],
    }),
  ]),
];

const BY_CODE = new Map(CATEGORIES.map((c) => [c.code, c]));

/** The shipped definition of a category (the stored one may have other labels). */
export function findCategoryDef(code: string): CategoryDef | undefined {
  return BY_CODE.get(code);
}
