import { Injectable, signal } from '@angular/core';

/** The viewer's chosen zone; every time on the page is rendered from this signal. */
@Injectable({ providedIn: 'root' })
export class ViewerZone {
  readonly zone = signal(browserZone());
  readonly choices = zoneChoices(this.zone());
}

// Browsers' ICU still answers some zones by their old names (Chromium says Asia/Calcutta);
// people, the API and the events themselves use the current IANA names.
const CURRENT_NAMES: Readonly<Record<string, string>> = {
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'America/Godthab': 'America/Nuuk',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Africa/Asmera': 'Africa/Asmara',
};

export function currentName(zone: string): string {
  return CURRENT_NAMES[zone] ?? zone;
}

export function browserZone(): string {
  return currentName(Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
}

/** Every zone the browser knows by its current name, with UTC and the viewer's own, sorted. */
export function zoneChoices(own: string): readonly string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const zones = new Set<string>([...known.map(currentName), 'UTC', own]);
  return [...zones].sort();
}

/** "Wed, 2 Dec 2026, 21:00 GMT+05:30": the instant in `zone`, with that zone's offset then. */
export function formatTime(iso: string, zone: string, locale = 'en-GB'): string {
  const parts = new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: zone,
    timeZoneName: 'longOffset',
  }).formatToParts(new Date(iso));
  const offset = parts.find((part) => part.type === 'timeZoneName')?.value ?? '';
  const rest = parts
    .filter((part) => part.type !== 'timeZoneName')
    .map((part) => part.value)
    .join('')
    .trim();
  // longOffset says plain "GMT" for UTC itself; say the offset anyway, so every time shows one.
  return `${rest} ${offset === 'GMT' ? 'GMT+00:00' : offset}`;
}

/** "₹499.00", "Free" for a zero price. */
export function formatPrice(amount: string, currency: string, locale = 'en-GB'): string {
  const value = Number(amount);
  if (value === 0) {
    return 'Free';
  }
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(value);
}

export function seatsLabel(seats: number | null): string {
  if (seats === null) {
    return '';
  }
  if (seats <= 0) {
    return 'Sold out';
  }
  return seats === 1 ? '1 seat left' : `${seats} seats left`;
}
