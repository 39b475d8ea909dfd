import { Injectable, signal } from '@angular/core';

/** The viewer's chosen zone; every time on the page is rendered from this signal. */
@Injectable({ providedIn: 'root' })
export class ViewerZone {
  readonly zone = signal(browserZone());
  readonly choices = zoneChoices(this.zone());
}

export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Every zone the browser knows, with the viewer's own first in line if it is missing. */
export function zoneChoices(own: string): readonly string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const zones = new Set<string>([...known, 'UTC', own]);
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
