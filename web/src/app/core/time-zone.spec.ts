import { currentName, formatPrice, formatTime, seatsLabel, zoneChoices } from './time-zone';

describe('formatTime', () => {
  const start = '2026-12-02T21:00:00+05:30';

  it('shows the instant in the chosen zone with its offset', () => {
    expect(formatTime(start, 'Asia/Kolkata')).toBe('Wed, 2 Dec 2026, 21:00 GMT+05:30');
    expect(formatTime(start, 'America/New_York')).toBe('Wed, 2 Dec 2026, 10:30 GMT-05:00');
  });

  it('says the offset of UTC too, so every time carries one', () => {
    expect(formatTime(start, 'UTC')).toBe('Wed, 2 Dec 2026, 15:30 GMT+00:00');
  });

  it('uses the offset in force on that date, summer time included', () => {
    expect(formatTime('2027-07-01T12:00:00Z', 'Europe/Berlin')).toBe('Thu, 1 Jul 2027, 14:00 GMT+02:00');
  });
});

describe('formatPrice', () => {
  it('shows the amount with its currency', () => {
    expect(formatPrice('499.00', 'INR')).toBe('₹499.00');
    expect(formatPrice('12.50', 'EUR')).toBe('€12.50');
  });

  it('calls a zero price free', () => {
    expect(formatPrice('0.00', 'INR')).toBe('Free');
  });
});

describe('seatsLabel', () => {
  it('counts the seats left, and says sold out at zero', () => {
    expect(seatsLabel(12)).toBe('12 seats left');
    expect(seatsLabel(1)).toBe('1 seat left');
    expect(seatsLabel(0)).toBe('Sold out');
  });

  it('says nothing when the seller does not tell', () => {
    expect(seatsLabel(null)).toBe('');
  });
});

describe('zoneChoices', () => {
  it('offers the viewer’s own zone and UTC, sorted', () => {
    const zones = zoneChoices('Asia/Kolkata');
    expect(zones).toContain('Asia/Kolkata');
    expect(zones).toContain('UTC');
    expect([...zones].sort()).toEqual(zones);
  });
});

describe('currentName', () => {
  it('calls a zone by its current IANA name, as the API and the events do', () => {
    expect(currentName('Asia/Calcutta')).toBe('Asia/Kolkata');
    expect(currentName('Europe/Kiev')).toBe('Europe/Kyiv');
    expect(currentName('Europe/Berlin')).toBe('Europe/Berlin');
  });

  it('offers no zone twice under an old and a new name', () => {
    const zones = zoneChoices('Asia/Kolkata');
    expect(zones).not.toContain('Asia/Calcutta');
    expect(zones.filter((zone) => zone === 'Asia/Kolkata')).toHaveLength(1);
  });
});
