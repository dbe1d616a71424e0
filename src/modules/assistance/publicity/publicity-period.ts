/**
 * The 公示 period (pure). DOMAIN §1.1 says "public notice 公示 7 days in the village" without saying working days, so
 * the days are CALENDAR days, a runtime parameter (default 7). As for every period in DOMAIN §0, counting starts the
 * day after the notice is opened and a period ending on a rest day rolls to the next working day. District approval
 * is possible from the day after the last day.
 */

import { addCalendarDaysRolling } from '../../../core/workflow/working-days.ts';

export const DEFAULT_PUBLICITY_DAYS = 7;

export interface PublicityPeriod {
  startsOn: string;
  endsOn: string;
}

function nextDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The period of a notice opened on `openedOn`: from the next day, `days` calendar days (end rolled to a workday). */
export function publicityPeriod(openedOn: string, days: number = DEFAULT_PUBLICITY_DAYS): PublicityPeriod {
  if (!Number.isInteger(days) || days < 1) throw new RangeError('publicity days must be a positive integer');
  return { startsOn: nextDay(openedOn), endsOn: addCalendarDaysRolling(openedOn, days) };
}

/** True once the period is over (today is after the last day). */
export function hasPublicityEnded(period: Pick<PublicityPeriod, 'endsOn'>, today: string): boolean {
  return today > period.endsOn;
}
