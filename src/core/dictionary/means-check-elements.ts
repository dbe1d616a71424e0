/**
 * Data elements of 居民家庭经济状况核对 (family means check) after MZ/T 073-2024, each with its 敏感信息标识
 * (sensitivity flag), which the 2024 edition added to every element. The standard groups its elements in five
 * classes; the item values here are the platform's field names (camelCase, as in the API and Excel column keys),
 * not the standard's internal identifiers.
 *
 * Uncertain: this list was compiled from the published summary of MZ/T 073-2024 and common means-check practice,
 * not from the standard's text. Every item carries the remark below until someone checks it against the standard.
 */
import type { DictionaryDef, DictionaryItemDef, Sensitivity } from './dictionary-types.ts';

const UNVERIFIED =
  '依据 MZ/T 073-2024 公开摘要及核对实务整理,元素名称、分类和敏感标识待与标准原文核对 / compiled from the published ' +
  'summary of MZ/T 073-2024; names, classes and sensitivity flags still to be checked against the standard text';

const e = (value: string, labelZh: string, labelEn: string, sensitivity: Sensitivity): DictionaryItemDef => ({
  value,
  labelZh,
  labelEn,
  sensitivity,
  remark: UNVERIFIED,
});

export const MEANS_CHECK_ELEMENTS: DictionaryDef = {
  code: 'means_check_element',
  nameZh: '居民家庭经济状况核对数据元',
  nameEn: 'Family means-check data elements',
  standard: 'MZ/T 073-2024',
  // The standard has extension rules (4.3): provinces add elements of their own.
  editable: true,
  items: [
    // 1 申请人及家庭成员基本信息 (persons)
    e('name', '姓名', 'Name', 'personal'),
    e('idNumber', '公民身份号码', 'Citizen ID number', 'sensitive_personal'),
    e('sex', '性别', 'Sex', 'personal'),
    e('birthDate', '出生日期', 'Date of birth', 'personal'),
    e('ethnicity', '民族', 'Ethnicity', 'personal'),
    e('phone', '联系电话', 'Phone number', 'sensitive_personal'),
    e('hukouAddress', '户籍地址', 'Household registration address', 'personal'),
    e('residenceAddress', '居住地址', 'Residential address', 'personal'),
    e('relationToApplicant', '与申请人关系', 'Relation to the applicant', 'personal'),
    e('maritalStatus', '婚姻状况', 'Marital status', 'personal'),
    e('healthStatus', '健康状况', 'Health status', 'sensitive_personal'),
    e('disabilityCategory', '残疾类别', 'Disability category', 'sensitive_personal'),
    e('disabilityLevel', '残疾等级', 'Disability level', 'sensitive_personal'),
    e('labourCapacity', '劳动能力', 'Labour capacity', 'personal'),
    e('employmentStatus', '就业状况', 'Employment status', 'personal'),
    // 2 收入 (income)
    e('wageIncome', '工资性收入', 'Wage income', 'sensitive_personal'),
    e('businessIncome', '经营净收入', 'Net business income', 'sensitive_personal'),
    e('propertyIncome', '财产净收入', 'Net property income', 'sensitive_personal'),
    e('transferIncome', '转移净收入', 'Net transfer income', 'sensitive_personal'),
    e('pensionIncome', '养老金', 'Pension', 'sensitive_personal'),
    e('unemploymentBenefit', '失业保险金', 'Unemployment insurance benefit', 'sensitive_personal'),
    e('monthlyIncomeFen', '月收入', 'Monthly income', 'sensitive_personal'),
    // 3 财产 (property)
    e('bankDeposit', '存款', 'Bank deposits', 'sensitive_personal'),
    e('bankAccount', '银行账号', 'Bank account number', 'sensitive_personal'),
    e('securities', '有价证券', 'Securities', 'sensitive_personal'),
    e('commercialInsurance', '商业保险', 'Commercial insurance', 'sensitive_personal'),
    e('realEstate', '房产', 'Real estate', 'sensitive_personal'),
    e('vehicle', '车辆', 'Motor vehicles', 'sensitive_personal'),
    e('marketEntity', '市场主体登记', 'Registered businesses', 'personal'),
    e('housingProvidentFund', '住房公积金', 'Housing provident fund', 'sensitive_personal'),
    // 4 支出 (expenditure)
    e('medicalExpense', '医疗支出', 'Medical expenses', 'sensitive_personal'),
    e('educationExpense', '教育支出', 'Education expenses', 'personal'),
    // 5 核对业务 (the check itself)
    e('checkRequestNo', '核对请求编号', 'Check request number', 'internal'),
    e('authorizationNo', '授权书编号', 'Authorisation number', 'internal'),
    e('checkAgency', '核对机构', 'Checking agency', 'public'),
    e('dataSourceDepartment', '数据提供部门', 'Data-providing department', 'public'),
    e('checkDate', '核对日期', 'Check date', 'internal'),
    e('checkResult', '核对结果', 'Check result', 'personal'),
  ],
};
