/**
 * 好差评 grades and evaluation dimensions (GB/T 39734-2020 政务服务"一次一评""一事一评"工作规范; 国办发〔2019〕51号).
 * Five grades from 非常满意 (5 stars) to 非常不满意 (1 star); 不满意 and 非常不满意 are 差评 and must be followed up.
 */
export const GRADES = [
  { code: 'very_satisfied', score: 5, nameZh: '非常满意', nameEn: 'Very satisfied' },
  { code: 'satisfied', score: 4, nameZh: '满意', nameEn: 'Satisfied' },
  { code: 'basically_satisfied', score: 3, nameZh: '基本满意', nameEn: 'Basically satisfied' },
  { code: 'dissatisfied', score: 2, nameZh: '不满意', nameEn: 'Dissatisfied' },
  { code: 'very_dissatisfied', score: 1, nameZh: '非常不满意', nameEn: 'Very dissatisfied' },
] as const;

export type GradeCode = (typeof GRADES)[number]['code'];

export const GRADE_CODES = GRADES.map((g) => g.code) as [GradeCode, ...GradeCode[]];

/**
 * The evaluation indicators of the standard (window service: 服务效率 服务水平 服务态度; online: 办事效率 办事指南精确度
 * 办事便捷度 平台操作性), offered as optional tags: what the rating is about.
 */
export const DIMENSIONS = [
  { code: 'efficiency', nameZh: '服务效率', nameEn: 'Efficiency' },
  { code: 'competence', nameZh: '服务水平', nameEn: 'Competence' },
  { code: 'attitude', nameZh: '服务态度', nameEn: 'Attitude' },
  { code: 'guide_accuracy', nameZh: '办事指南精确度', nameEn: 'Accuracy of the service guide' },
  { code: 'convenience', nameZh: '办事便捷度', nameEn: 'Convenience' },
  { code: 'usability', nameZh: '平台操作性', nameEn: 'Ease of use of the platform' },
] as const;

export type DimensionCode = (typeof DIMENSIONS)[number]['code'];

export const DIMENSION_CODES = DIMENSIONS.map((d) => d.code) as [DimensionCode, ...DimensionCode[]];

export function gradeScore(code: GradeCode): number {
  const grade = GRADES.find((g) => g.code === code);
  if (!grade) throw new RangeError(`unknown grade ${code}`);
  return grade.score;
}

/** 差评: 不满意 and 非常不满意 open a follow-up case. */
export function isPoorGrade(code: GradeCode): boolean {
  return gradeScore(code) <= 2;
}

export type GradeCounts = Record<GradeCode, number>;

/** Satisfaction rate as published for 好差评: (非常满意 + 满意 + 基本满意) / all, in per cent with one decimal. */
export function satisfactionRate(counts: GradeCounts): number | null {
  const total = GRADE_CODES.reduce((sum, g) => sum + counts[g], 0);
  if (total === 0) return null;
  const good = counts.very_satisfied + counts.satisfied + counts.basically_satisfied;
  return Math.round((good / total) * 1000) / 10;
}
