/** Names for the demo population: surnames weighted for 武隆, given names by birth era and sex. */

import { type Rng, type WeightedTable, weightedTable } from './rng.ts';

/** National surname frequency (% of population, rounded), in rank order. */
const SURNAME_FREQUENCIES =
  '王7.12 李7.00 张6.74 刘5.10 陈4.61 杨3.22 黄2.45 赵2.19 吴2.08 周2.07 徐1.45 孙1.38 马1.29 朱1.28 胡1.16 ' +
  '郭1.13 何1.06 高1.00 林1.00 罗0.95 郑0.87 梁0.83 谢0.77 宋0.71 唐0.70 许0.65 韩0.63 冯0.62 邓0.61 曹0.60 ' +
  '彭0.58 曾0.56 肖0.55 田0.53 董0.52 袁0.51 潘0.50 于0.49 蒋0.48 蔡0.47 余0.46 杜0.45 叶0.44 程0.43 苏0.42 ' +
  '魏0.41 吕0.40 丁0.39 任0.38 沈0.37 姚0.36 卢0.35 姜0.34 崔0.33 钟0.32 谭0.31 陆0.30 汪0.29 范0.28 金0.27 ' +
  '石0.26 廖0.25 贾0.24 夏0.23 韦0.22 付0.21 方0.20 白0.19 邹0.19 孟0.18 熊0.18 秦0.17 邱0.17 江0.16 尹0.16 ' +
  '薛0.15 闫0.15 段0.15 雷0.14 侯0.14 龙0.14 史0.13 陶0.13 黎0.13 贺0.13 顾0.12 毛0.12 郝0.12 龚0.12 邵0.11 ' +
  '万0.11 钱0.11 严0.11 覃0.10 武0.10 戴0.10 莫0.10 孔0.10 向0.10 汤0.10 冉0.03';

// 武隆 and the Tujia/Miao counties around it have far more 向/冉/谭/覃/田 and fewer northern surnames than the
// national table; multipliers rather than a separate table keep the national ranking visible.
const LOCAL_SURNAME_MULTIPLIERS: Readonly<Record<string, number>> = {
  向: 14,
  冉: 35,
  谭: 5,
  覃: 8,
  田: 4,
  陈: 1.3,
  刘: 1.2,
  王: 0.7,
  孙: 0.5,
  郭: 0.5,
  韩: 0.4,
  于: 0.3,
  崔: 0.3,
  郝: 0.4,
  闫: 0.3,
};

export const SURNAMES: WeightedTable<string> = (() => {
  const names: string[] = [];
  const weights: number[] = [];
  for (const entry of SURNAME_FREQUENCIES.split(' ')) {
    const name = entry.slice(0, 1);
    names.push(name);
    weights.push(Number(entry.slice(1)) * (LOCAL_SURNAME_MULTIPLIERS[name] ?? 1));
  }
  return weightedTable(names, weights);
})();

// Given-name fashions change by generation, so a 2015 child is not called 桂兰 and a 1940 farmer not 子轩.
// Per era and sex: [first-character pool, second-character pool]; single-character names draw from the second pool.
type NamePools = readonly [readonly string[], readonly string[]];
const chars = (s: string): readonly string[] => [...s];
export const GIVEN_NAME_POOLS: ReadonlyArray<{ male: NamePools; female: NamePools; singleRate: number }> = [
  {
    // born before 1960
    male: [chars('德国光明世绍正长树家泽洪永开金玉万天学清'), chars('全福贵富荣发才云清华明林山成生安堂元武昌')],
    female: [chars('秀桂玉淑凤素翠春德明树光菊兰金碧'), chars('英兰珍芳芬莲华秀香凤群仙碧清芝')],
    singleRate: 0.12,
  },
  {
    // 1960-1984
    male: [chars('建国志明永小文海俊红卫学华家光继成德长先'), chars('军华平明强林伟勇斌刚辉东兵波峰涛杰龙荣春')],
    female: [chars('小晓红秀丽春美金海燕玉素彩琼'), chars('英兰芳华梅琼群莲霞蓉敏丽燕萍芬琴娟艳菊')],
    singleRate: 0.15,
  },
  {
    // 1985-2004
    male: [chars('俊志晓文家宇浩建天明小嘉鹏佳子'), chars('杰伟鹏磊涛超亮宇强飞龙军洋帆鑫浩斌豪江')],
    female: [chars('晓小丽雪佳思梦婷静欣雨春玉嘉诗'), chars('丽婷娟燕敏静洁琳雪丹艳霞玲倩蓉芳颖瑶月')],
    singleRate: 0.2,
  },
  {
    // 2005 onwards
    male: [chars('子浩梓宇俊皓博明一天思睿锦家铭嘉奕'), chars('轩然豪宇航杰文睿阳鸣远佑熙程墨泽辰铭')],
    female: [chars('欣梓雨诗子可思一梦佳语紫若芷心馨艺'), chars('怡涵桐琪诺瑶欣嫣萱曦若月悦彤妍琳')],
    singleRate: 0.1,
  },
];

export function nameEra(birthYear: number): number {
  if (birthYear < 1960) return 0;
  if (birthYear < 1985) return 1;
  if (birthYear < 2005) return 2;
  return 3;
}

/** A given name in the fashion of `birthYear`; brothers share `generationChar` (字辈) when it is not empty. */
export function givenName(rng: Rng, birthYear: number, male: boolean, generationChar: string): string {
  const era = GIVEN_NAME_POOLS[nameEra(birthYear)];
  const [first, second] = male ? era.male : era.female;
  if (male && generationChar !== '') return generationChar + rng.pick(second);
  if (rng.chance(era.singleRate)) return rng.pick(second);
  return rng.pick(first) + rng.pick(second);
}
