import { EventItem } from '../../core/api-types';
import { EventDraft, blankDraft, changes, draftErrors, draftOf, parseTags, toBody } from './event-rules';

const NOW = Date.parse('2026-12-01T12:00:00Z');

function draft(overrides: Partial<EventDraft> = {}): EventDraft {
  return {
    ...blankDraft(),
    title: 'Indie Night',
    location: 'NSCI Dome',
    start: '2026-12-20T19:30',
    end: '2026-12-20T22:00',
    capacity: 100,
    price: '499.00',
    ...overrides,
  };
}

describe('draftErrors', () => {
  it('finds nothing wrong with a complete event in the future', () => {
    expect(draftErrors(draft(), NOW)).toEqual({});
  });

  it('wants a title of 1 to 100 characters, spaces around it not counted', () => {
    expect(draftErrors(draft({ title: '   ' }), NOW).title).toBe('Required.');
    expect(draftErrors(draft({ title: 'x'.repeat(101) }), NOW).title).toMatch(/At most 100 characters/);
    expect(draftErrors(draft({ title: ` ${'x'.repeat(100)} ` }), NOW).title).toBeUndefined();
  });

  it('wants a location and refuses control characters in one-line texts', () => {
    expect(draftErrors(draft({ location: '' }), NOW).location).toBe('Required.');
    expect(draftErrors(draft({ city: 'Pu\u0007ne' }), NOW).city).toMatch(/control characters/);
    expect(draftErrors(draft({ description: 'two\nlines\tand a tab' }), NOW).description).toBeUndefined();
  });

  it('wants the end after the start', () => {
    expect(draftErrors(draft({ end: '2026-12-20T18:00' }), NOW).end).toBe('The end must be after the start.');
    expect(draftErrors(draft({ end: '2026-12-20T19:30' }), NOW).end).toBe('The end must be after the start.');
  });

  it('refuses a start in the past, reading it in the chosen zone', () => {
    // 17:00 in Kolkata is 11:30 UTC, before NOW; 17:00 in New York is 22:00 UTC, after it.
    const today = { start: '2026-12-01T17:00', end: '2026-12-01T23:00' };
    expect(draftErrors(draft(today), NOW).start).toBe('The start must not be in the past.');
    expect(draftErrors(draft({ ...today, timeZone: 'America/New_York' }), NOW).start).toBeUndefined();
  });

  it('lets an edit keep a start that has passed', () => {
    expect(draftErrors(draft({ start: '2026-11-30T10:00' }), NOW, false).start).toBeUndefined();
  });

  it('refuses a time the clocks skip in that zone', () => {
    const gap = { start: '2027-03-28T02:30', end: '2027-03-28T05:00', timeZone: 'Europe/Berlin' };
    expect(draftErrors(draft(gap), NOW).start).toMatch(/does not exist in Europe\/Berlin/);
  });

  it('wants a whole capacity above 0 and at most a million', () => {
    for (const capacity of [null, 0, -1, 1.5, 1_000_001]) {
      expect(draftErrors(draft({ capacity }), NOW).capacity, String(capacity)).toBeDefined();
    }
    for (const capacity of [1, 1_000_000]) {
      expect(draftErrors(draft({ capacity }), NOW).capacity).toBeUndefined();
    }
  });

  it('wants a price of 0 or more with at most two decimals', () => {
    for (const price of ['0', '0.00', '499', '12.5', '9999999.99']) {
      expect(draftErrors(draft({ price }), NOW).price, price).toBeUndefined();
    }
    for (const price of ['-1', '1.999', 'ten', '', '10000000', '1e3']) {
      expect(draftErrors(draft({ price }), NOW).price, price).toBeDefined();
    }
  });

  it('wants a three-letter currency code', () => {
    expect(draftErrors(draft({ currency: 'eur' }), NOW).currency).toBeUndefined();
    for (const currency of ['EU', 'EURO', '€', '']) {
      expect(draftErrors(draft({ currency }), NOW).currency, currency).toBeDefined();
    }
  });

  it('allows at most 10 tags of at most 30 characters', () => {
    const eleven = Array.from({ length: 11 }, (_, i) => `tag${i}`).join(',');
    expect(draftErrors(draft({ tags: eleven }), NOW).tags).toMatch(/At most 10 tags/);
    expect(draftErrors(draft({ tags: 'x'.repeat(31) }), NOW).tags).toMatch(/30 characters/);
    // The same tag in other letters counts once, as the API keeps it once.
    const repeated = Array.from({ length: 11 }, () => 'Music').join(',');
    expect(draftErrors(draft({ tags: repeated }), NOW).tags).toBeUndefined();
  });
});

describe('parseTags', () => {
  it('trims, lowers, drops empty ones and keeps each once, sorted', () => {
    expect(parseTags(' Music, live,,music , ')).toEqual(['live', 'music']);
  });
});

describe('toBody', () => {
  it('sends the times as typed with the offset of the chosen zone on that date', () => {
    expect(toBody(draft()).start_time).toBe('2026-12-20T19:30:00+05:30');
    const summer = toBody(draft({ start: '2027-07-01T20:00', end: '2027-07-01T23:00', timeZone: 'Europe/Berlin' }));
    expect(summer.start_time).toBe('2027-07-01T20:00:00+02:00');
    const winter = toBody(draft({ start: '2027-01-10T20:00', end: '2027-01-10T23:00', timeZone: 'America/New_York' }));
    expect(winter.end_time).toBe('2027-01-10T23:00:00-05:00');
  });

  it('trims texts and upper-cases the currency', () => {
    const body = toBody(draft({ title: '  Indie Night ', currency: 'usd', tags: 'B, a' }));
    expect(body.title).toBe('Indie Night');
    expect(body.currency).toBe('USD');
    expect(body.tags).toEqual(['a', 'b']);
  });
});

describe('draftOf and changes', () => {
  const event = {
    id: 'e1',
    title: 'Indie Night',
    description: '',
    location: 'NSCI Dome',
    city: 'Mumbai',
    start_time: '2026-12-20T14:00:00Z',
    end_time: '2026-12-20T16:30:00Z',
    timezone: 'Asia/Kolkata',
    capacity: 100,
    price: '499.00',
    currency: 'INR',
    tags: ['music'],
    registration_requires_sign_in: false,
  } as unknown as EventItem;

  it('shows an event’s times on the wall clock of its own zone', () => {
    expect(draftOf(event).start).toBe('2026-12-20T19:30');
    expect(draftOf(event).end).toBe('2026-12-20T22:00');
  });

  it('sends nothing for an untouched event, and only the fields that changed', () => {
    const before = toBody(draftOf(event));
    expect(changes(before, toBody(draftOf(event)))).toEqual({});
    const after = toBody({ ...draftOf(event), title: 'Indie Night II', price: '499' });
    expect(changes(before, after)).toEqual({ title: 'Indie Night II' });
  });

  it('sends both times when only the zone changes, since the same wall clock is another instant', () => {
    const before = toBody(draftOf(event));
    const patch = changes(before, toBody({ ...draftOf(event), timeZone: 'Asia/Dubai' }));
    expect(patch).toEqual({
      start_time: '2026-12-20T19:30:00+04:00',
      end_time: '2026-12-20T22:00:00+04:00',
      timezone: 'Asia/Dubai',
    });
  });
});
