// Wall-clock times in an event's own zone, as the organiser types them, and back.

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const HOUR = 3_600_000;

/** Minutes the zone is ahead of UTC at that instant (+330 for Asia/Kolkata). */
export function offsetMinutes(instant: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = utc(part('year'), part('month'), part('day'), part('hour'), part('minute'), part('second'));
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

/**
 * The instant "2026-12-20T19:30" means in `zone`, or null when it is not a time or that
 * wall-clock time does not exist there (a summer-time gap). A time that occurs twice (the
 * fold) means its first occurrence, as the API reads it.
 */
export function zonedInstant(local: string, zone: string): number | null {
  const match = LOCAL.exec(local);
  if (!match) {
    return null;
  }
  const [year, month, day, hour, minute, second] = match.slice(1).map((n) => Number(n ?? 0));
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
    return null;
  }
  const wall = utc(year, month, day, hour, minute, second);
  if (new Date(wall).getUTCDate() !== day) {
    return null; // 31 November and the like
  }
  // The offset in force is one of those just before and just after: try both, earliest first.
  const candidates = [offsetMinutes(wall - 12 * HOUR, zone), offsetMinutes(wall + 12 * HOUR, zone)]
    .map((offset) => wall - offset * 60_000)
    .sort((a, b) => a - b);
  return candidates.find((instant) => wall - offsetMinutes(instant, zone) * 60_000 === instant) ?? null;
}

/** "2026-12-20T19:30:00+05:30": the time as typed, with the zone's offset then. */
export function withOffset(local: string, zone: string): string | null {
  const instant = zonedInstant(local, zone);
  if (instant === null) {
    return null;
  }
  const offset = offsetMinutes(instant, zone);
  const sign = offset < 0 ? '-' : '+';
  const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(offset) % 60).padStart(2, '0');
  const seconds = local.length === 16 ? ':00' : '';
  return `${local}${seconds}${sign}${hours}:${minutes}`;
}

/** "2026-12-20T19:30": an API time as the wall clock in `zone` shows it (for the form's inputs). */
export function wallClock(iso: string, zone: string): string {
  const instant = Date.parse(iso);
  const shifted = new Date(instant + offsetMinutes(instant, zone) * 60_000);
  return shifted.toISOString().slice(0, 16);
}

function utc(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  const time = Date.UTC(year, month - 1, day, hour, minute, second);
  if (year >= 100) {
    return time;
  }
  const date = new Date(time);
  date.setUTCFullYear(year); // Date.UTC reads the years 0-99 as 1900-1999
  return date.getTime();
}
