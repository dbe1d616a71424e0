import { describe, expect, it } from 'vitest';
import { DistrictCode, PersonCreate, VillageCode } from './registry.schema.ts';

describe('registry input schemas', () => {
  it('household registration district: a real 武隆 code passes, 990000 and an unknown 重庆 code fail', () => {
    expect(DistrictCode.safeParse('500156').success).toBe(true);
    expect(DistrictCode.safeParse('990000').success).toBe(false);
    expect(DistrictCode.safeParse('500199').success).toBe(false);
  });

  it('districts of provinces outside the shipped code list are accepted when the province is real (呼和浩特 150102)', () => {
    expect(DistrictCode.safeParse('150102').success).toBe(true);
    expect(DistrictCode.safeParse('110105').success).toBe(true);
    expect(DistrictCode.safeParse('110000').success).toBe(false);
  });

  it('residence must be a known 12-digit village: 500156003204 passes, 500156999999 fails', () => {
    expect(VillageCode.safeParse('500156003204').success).toBe(true);
    expect(VillageCode.safeParse('500156999999').success).toBe(false);
    expect(VillageCode.safeParse('500156003').success).toBe(false);
  });

  it('person creation refuses unknown fields and names the bad ID field', () => {
    const r = PersonCreate.safeParse({
      idNumber: '500156199001011234',
      name: '张三',
      regionCode: '500156003204',
      extra: 1,
    });
    expect(r.success).toBe(false);
    const paths = r.success ? [] : r.error.issues.map((i) => i.path.join('.') || i.code);
    expect(paths).toContain('idNumber');
  });
});
