/**
 * National code sets used by the registry (GB/T 2261.1 sex, GB/T 3304 ethnicity, GB/T 4761 family
 * relation, GB/T 26341 disability category) and the platform's own attribute codes. Served to the UI and to Excel.
 */
import { RELATION_CODES } from './relation-codes.ts';

export interface DictEntry {
  value: string;
  labelZh: string;
  labelEn: string;
}

const d = (value: string, labelZh: string, labelEn: string): DictEntry => ({ value, labelZh, labelEn });

export const DICTIONARIES: Record<string, DictEntry[]> = {
  sex: [d('1', '男', 'Male'), d('2', '女', 'Female'), d('0', '未知', 'Unknown'), d('9', '未说明', 'Unspecified')],
  ethnicity: [
    d('01', '汉族', 'Han'),
    d('02', '蒙古族', 'Mongol'),
    d('03', '回族', 'Hui'),
    d('04', '藏族', 'Tibetan'),
    d('05', '维吾尔族', 'Uyghur'),
    d('06', '苗族', 'Miao'),
    d('07', '彝族', 'Yi'),
    d('08', '壮族', 'Zhuang'),
    d('09', '布依族', 'Buyei'),
    d('10', '朝鲜族', 'Korean'),
    d('11', '满族', 'Manchu'),
    d('12', '侗族', 'Dong'),
    d('13', '瑶族', 'Yao'),
    d('14', '白族', 'Bai'),
    d('15', '土家族', 'Tujia'),
    d('16', '哈尼族', 'Hani'),
    d('17', '哈萨克族', 'Kazakh'),
    d('18', '傣族', 'Dai'),
    d('19', '黎族', 'Li'),
    d('20', '傈僳族', 'Lisu'),
    d('21', '佤族', 'Wa'),
    d('22', '畲族', 'She'),
    d('23', '高山族', 'Gaoshan'),
    d('24', '拉祜族', 'Lahu'),
    d('25', '水族', 'Shui'),
    d('26', '东乡族', 'Dongxiang'),
    d('27', '纳西族', 'Naxi'),
    d('28', '景颇族', 'Jingpo'),
    d('29', '柯尔克孜族', 'Kyrgyz'),
    d('30', '土族', 'Tu'),
    d('31', '达斡尔族', 'Daur'),
    d('32', '仫佬族', 'Mulao'),
    d('33', '羌族', 'Qiang'),
    d('34', '布朗族', 'Blang'),
    d('35', '撒拉族', 'Salar'),
    d('36', '毛南族', 'Maonan'),
    d('37', '仡佬族', 'Gelao'),
    d('38', '锡伯族', 'Xibe'),
    d('39', '阿昌族', 'Achang'),
    d('40', '普米族', 'Pumi'),
    d('41', '塔吉克族', 'Tajik'),
    d('42', '怒族', 'Nu'),
    d('43', '乌孜别克族', 'Uzbek'),
    d('44', '俄罗斯族', 'Russian'),
    d('45', '鄂温克族', 'Evenki'),
    d('46', '德昂族', "De'ang"),
    d('47', '保安族', 'Bonan'),
    d('48', '裕固族', 'Yugur'),
    d('49', '京族', 'Gin'),
    d('50', '塔塔尔族', 'Tatar'),
    d('51', '独龙族', 'Derung'),
    d('52', '鄂伦春族', 'Oroqen'),
    d('53', '赫哲族', 'Hezhen'),
    d('54', '门巴族', 'Monba'),
    d('55', '珞巴族', 'Lhoba'),
    d('56', '基诺族', 'Jino'),
    d('97', '其他', 'Other'),
    d('98', '外国血统中国籍人士', 'Naturalised citizen of foreign origin'),
  ],
  relation: Object.entries(RELATION_CODES).map(([value, l]) => d(value, l.zh, l.en)),
  disability_category: [
    d('1', '视力残疾', 'Visual'),
    d('2', '听力残疾', 'Hearing'),
    d('3', '言语残疾', 'Speech'),
    d('4', '肢体残疾', 'Physical'),
    d('5', '智力残疾', 'Intellectual'),
    d('6', '精神残疾', 'Psychiatric'),
    d('7', '多重残疾', 'Multiple'),
  ],
  disability_level: [
    d('1', '一级', 'Level 1'),
    d('2', '二级', 'Level 2'),
    d('3', '三级', 'Level 3'),
    d('4', '四级', 'Level 4'),
  ],
  health_status: [
    d('healthy', '健康', 'Healthy'),
    d('chronic', '慢性病', 'Chronic illness'),
    d('major_disease', '重特大疾病', 'Major disease'),
  ],
  labour_capacity: [
    d('full', '有劳动能力', 'Able to work'),
    d('partial', '部分丧失劳动能力', 'Partly able'),
    d('none', '无劳动能力', 'Unable to work'),
  ],
  employment_status: [
    d('employed', '就业', 'Employed'),
    d('farming', '务农', 'Farming'),
    d('self_employed', '个体经营', 'Self-employed'),
    d('unemployed', '失业', 'Unemployed'),
    d('student', '在校学生', 'Student'),
    d('retired', '退休', 'Retired'),
    d('preschool', '学龄前', 'Pre-school'),
    d('unknown', '未知', 'Unknown'),
  ],
  org_kind: [
    d('city_bureau', '市民政局', 'City civil affairs bureau'),
    d('district_bureau', '区县民政局', 'District civil affairs bureau'),
    d('township_office', '乡镇(街道)社会事务办', 'Township office'),
    d('village_committee', '村(居)委会', 'Village committee'),
    d('service_provider', '服务机构', 'Service provider'),
    d('department', '其他部门', 'Other department'),
  ],
};

export function dictionaryHas(code: string, value: string): boolean {
  return DICTIONARIES[code]?.some((e) => e.value === value) ?? false;
}

export function dictionaryLabel(code: string, value: string | null | undefined): string {
  if (value == null) return '';
  return DICTIONARIES[code]?.find((e) => e.value === value)?.labelZh ?? value;
}
