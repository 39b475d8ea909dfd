// The API's rules for an event (src/domain/events.py, money.py, clock.py and the HTTP schema),
// checked in the browser so the organiser learns of a mistake before sending.
import { EventBody, EventItem, EventPatch } from '../../core/api-types';
import { wallClock, withOffset, zonedInstant } from './zoned-time';

export const DEFAULT_EVENT_ZONE = 'Asia/Kolkata';
export const MAX_CAPACITY = 1_000_000;
export const MAX_PRICE = 10_000_000;
export const MAX_TAGS = 10;

/** The form's values as typed: times are wall-clock times in `timeZone`. */
export interface EventDraft {
  readonly title: string;
  readonly description: string;
  readonly location: string;
  readonly city: string;
  readonly start: string;
  readonly end: string;
  readonly timeZone: string;
  readonly capacity: number | null;
  readonly price: string;
  readonly currency: string;
  readonly tags: string;
  readonly requiresSignIn: boolean;
}

export type DraftField = keyof EventDraft;
export type FieldErrors = Partial<Record<DraftField, string>>;

// Unicode's control characters (category Cc), which the API refuses in one-line texts.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const PRICE = /^\d+(\.\d{1,2})?$/;
const CURRENCY = /^[A-Za-z]{3}$/;

export function blankDraft(): EventDraft {
  return {
    title: '',
    description: '',
    location: '',
    city: '',
    start: '',
    end: '',
    timeZone: DEFAULT_EVENT_ZONE,
    capacity: null,
    price: '0.00',
    currency: 'INR',
    tags: '',
    requiresSignIn: false,
  };
}

/** An existing event as the form shows it: its times on the wall clock of its own zone. */
export function draftOf(event: EventItem): EventDraft {
  return {
    title: event.title,
    description: event.description,
    location: event.location,
    city: event.city,
    start: wallClock(event.start_time, event.timezone),
    end: wallClock(event.end_time, event.timezone),
    timeZone: event.timezone,
    capacity: event.capacity,
    price: event.price,
    currency: event.currency,
    tags: event.tags.join(', '),
    requiresSignIn: event.registration_requires_sign_in ?? false,
  };
}

/** "Music, Live ,music" → ["live", "music"]: trimmed, lower case, once each, as the API keeps them. */
export function parseTags(text: string): string[] {
  const tags = text
    .split(',')
    .map((tag) => tag.trim().toLowerCase())
    .filter((tag) => tag !== '');
  return [...new Set(tags)].sort();
}

/**
 * What is wrong with the draft, by field. `now` is when it is checked; a start in the past is
 * refused only when `startMustBeFuture` (a new event, or an edit that moves the start).
 */
export function draftErrors(draft: EventDraft, now: number, startMustBeFuture = true): FieldErrors {
  return {
    ...textErrors(draft),
    ...timeErrors(draft, now, startMustBeFuture),
    ...amountErrors(draft),
    ...tagErrors(draft.tags),
  };
}

function textErrors(draft: EventDraft): FieldErrors {
  const errors: FieldErrors = {};
  const check = (field: DraftField, value: string, limit: number, required: boolean, allowed = CONTROL) => {
    const trimmed = value.trim();
    if (required && trimmed === '') {
      errors[field] = 'Required.';
    } else if (trimmed.length > limit) {
      errors[field] = `At most ${limit} characters (now ${trimmed.length}).`;
    } else if (allowed.test(trimmed)) {
      errors[field] = 'No control characters, please.';
    }
  };
  check('title', draft.title, 100, true);
  check('description', draft.description, 5000, false, CONTROL_BUT_LINES);
  check('location', draft.location, 200, true);
  check('city', draft.city, 100, false);
  return errors;
}

function amountErrors(draft: EventDraft): FieldErrors {
  const errors: FieldErrors = {};
  const capacity = draft.capacity;
  if (capacity === null || !Number.isInteger(capacity) || capacity < 1 || capacity > MAX_CAPACITY) {
    errors.capacity = `A whole number of seats from 1 to ${MAX_CAPACITY.toLocaleString('en-GB')}.`;
  }
  const price = draft.price.trim();
  if (!PRICE.test(price) || Number(price) >= MAX_PRICE) {
    errors.price = 'An amount of 0 or more, below 10,000,000, with at most two decimals (such as 499.00).';
  }
  if (!CURRENCY.test(draft.currency.trim())) {
    errors.currency = 'A three-letter currency code, such as INR or EUR.';
  }
  return errors;
}

function tagErrors(text: string): FieldErrors {
  const tags = parseTags(text);
  if (tags.length > MAX_TAGS) {
    return { tags: `At most ${MAX_TAGS} tags (now ${tags.length}).` };
  }
  if (tags.some((tag) => tag.length > 30 || CONTROL.test(tag))) {
    return { tags: 'Each tag has at most 30 characters, and no control characters.' };
  }
  return {};
}

function timeErrors(draft: EventDraft, now: number, startMustBeFuture: boolean): FieldErrors {
  const errors: FieldErrors = {};
  if (!draft.timeZone) {
    errors.timeZone = 'Required.';
    return errors;
  }
  const start = draft.start ? zonedInstant(draft.start, draft.timeZone) : null;
  const end = draft.end ? zonedInstant(draft.end, draft.timeZone) : null;
  if (!draft.start) {
    errors.start = 'Required.';
  } else if (start === null) {
    errors.start = `This time does not exist in ${draft.timeZone} (the clocks skip it).`;
  } else if (startMustBeFuture && start <= now) {
    errors.start = 'The start must not be in the past.';
  }
  if (!draft.end) {
    errors.end = 'Required.';
  } else if (end === null) {
    errors.end = `This time does not exist in ${draft.timeZone} (the clocks skip it).`;
  } else if (start !== null && end <= start) {
    errors.end = 'The end must be after the start.';
  }
  return errors;
}

/** The body `POST /events` takes; call it only for a draft without errors. */
export function toBody(draft: EventDraft): EventBody {
  return {
    title: draft.title.trim(),
    description: draft.description.trim(),
    location: draft.location.trim(),
    city: draft.city.trim(),
    start_time: withOffset(draft.start, draft.timeZone) ?? draft.start,
    end_time: withOffset(draft.end, draft.timeZone) ?? draft.end,
    timezone: draft.timeZone,
    capacity: draft.capacity ?? 0,
    price: draft.price.trim(),
    currency: draft.currency.trim().toUpperCase(),
    tags: parseTags(draft.tags),
    registration_requires_sign_in: draft.requiresSignIn,
  };
}

/** Only what changed, for `PATCH`: times by the instant they mean, amounts by value. */
export function changes(before: EventBody, after: EventBody): EventPatch {
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof EventBody)[]) {
    if (!same(key, before[key], after[key])) {
      patch[key] = after[key];
    }
  }
  return patch as EventPatch;
}

function same(key: keyof EventBody, a: unknown, b: unknown): boolean {
  if (key === 'start_time' || key === 'end_time') {
    return Date.parse(String(a)) === Date.parse(String(b));
  }
  if (key === 'price') {
    return Number(a) === Number(b);
  }
  return JSON.stringify(a) === JSON.stringify(b);
}
