import chineseDays from 'chinese-days';

const { getSolarDateFromLunar, getSolarTerms, isHoliday } = chineseDays;

/**
 * Rest days a year is certain to have under 全国年节及纪念日放假办法 (as revised in 2024, in force from 2025):
 * 元旦 1 day, 春节 4 days (除夕 to 初三), 清明 1 day, 劳动节 2 days (May 1-2), 端午 1 day, 中秋 1 day, 国庆 3 days
 * (Oct 1-3). Used for a year the official calendar (chinese-days) does not cover yet: the State Council announces each
 * year's arrangement — bridging days and the weekend make-up working days 调休 — late in the year before, and until
 * the package carries it, deadlines must at least not run through New Year's Day or the Spring Festival.
 * A statutory day on a weekend gives the next free weekday off (补假), as the 办法 requires.
 */
export interface StatutoryRestDay {
  date: string;
  name: string;
  /** a weekday off in place of a statutory day that fell on a weekend */
  inLieu: boolean;
}

/** The ISO date `days` days after (or before) an ISO date. */
export function shiftIso(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function isWeekend(isoDate: string): boolean {
  const day = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

/** Gregorian date of a lunar month/day in the lunar year that starts in `year`. */
function lunarToIso(year: number, month: number, day: number): string {
  const r = getSolarDateFromLunar(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
  return r.date;
}

export function statutoryRestDays(year: number): StatutoryRestDay[] {
  const springFestival = lunarToIso(year, 1, 1);
  const festivals: Array<{ name: string; days: string[] }> = [
    { name: '元旦', days: [`${year}-01-01`] },
    {
      name: '春节',
      days: [shiftIso(springFestival, -1), springFestival, shiftIso(springFestival, 1), shiftIso(springFestival, 2)],
    },
    {
      name: '清明节',
      days: getSolarTerms(`${year}-04-01`, `${year}-04-10`)
        .filter((t) => t.name === '清明')
        .map((t) => t.date),
    },
    { name: '劳动节', days: [`${year}-05-01`, `${year}-05-02`] },
    { name: '端午节', days: [lunarToIso(year, 5, 5)] },
    { name: '中秋节', days: [lunarToIso(year, 8, 15)] },
    { name: '国庆节', days: [`${year}-10-01`, `${year}-10-02`, `${year}-10-03`] },
  ];
  const taken = new Set(festivals.flatMap((f) => f.days));
  const result: StatutoryRestDay[] = [];
  for (const festival of festivals) {
    for (const date of festival.days) {
      result.push({ date, name: festival.name, inLieu: false });
      if (!isWeekend(date)) continue;
      // 补假: the first weekday after the festival's days that is not already off
      let lieu = shiftIso(festival.days[festival.days.length - 1], 1);
      while (isWeekend(lieu) || taken.has(lieu)) lieu = shiftIso(lieu, 1);
      taken.add(lieu);
      result.push({ date: lieu, name: festival.name, inLieu: true });
    }
  }
  return result.sort((a, b) => a.date.localeCompare(b.date));
}

/** Whether the package's official calendar has the year (New Year's Day is a holiday in every year it covers). */
export function officialCalendarCovers(year: number): boolean {
  return isHoliday(`${year}-01-01`);
}
