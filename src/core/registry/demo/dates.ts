/** Day numbers (days since 1970-01-01 UTC) for the supported 1900-2099 range, and their ISO strings. */

export const DAY_MS = 86_400_000;
/** 1900-01-01: checkIdNumber rejects earlier years. */
export const MIN_DAY = Date.UTC(1900, 0, 1) / DAY_MS;
export const MAX_DAY = Date.UTC(2100, 0, 1) / DAY_MS;
export const DAY_SPAN = MAX_DAY - MIN_DAY;

export function isoToDay(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const day = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS : Number.NaN;
  if (!m || Number.isNaN(day) || dayToIso(day) !== iso) throw new RangeError(`not a valid YYYY-MM-DD date: ${iso}`);
  if (day < MIN_DAY || day >= MAX_DAY) throw new RangeError(`date out of the supported 1900-2099 range: ${iso}`);
  return day;
}

function dayToIso(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** ISO strings cached by day, so a million people cost ~40k Date conversions instead of a million. */
export function createDateCache(): (day: number) => string {
  const cache: string[] = new Array(DAY_SPAN);
  return (day) => {
    const i = day - MIN_DAY;
    let iso = cache[i];
    if (iso === undefined) {
      iso = dayToIso(day);
      cache[i] = iso;
    }
    return iso;
  };
}
