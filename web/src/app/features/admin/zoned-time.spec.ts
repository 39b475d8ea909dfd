import { offsetMinutes, wallClock, withOffset, zonedInstant } from './zoned-time';

describe('zoned times', () => {
  it('knows a zone’s offset at an instant, summer time included', () => {
    expect(offsetMinutes(Date.parse('2026-12-01T00:00:00Z'), 'Asia/Kolkata')).toBe(330);
    expect(offsetMinutes(Date.parse('2027-07-01T00:00:00Z'), 'Europe/Berlin')).toBe(120);
    expect(offsetMinutes(Date.parse('2027-01-01T00:00:00Z'), 'America/St_Johns')).toBe(-210);
  });

  it('reads a wall-clock time in a zone as one instant', () => {
    expect(zonedInstant('2026-12-20T19:30', 'Asia/Kolkata')).toBe(Date.parse('2026-12-20T14:00:00Z'));
  });

  it('has no instant for a time the clocks skip, nor for a day that does not exist', () => {
    expect(zonedInstant('2027-03-28T02:30', 'Europe/Berlin')).toBeNull();
    expect(zonedInstant('2026-11-31T10:00', 'UTC')).toBeNull();
    expect(zonedInstant('tomorrow', 'UTC')).toBeNull();
  });

  it('takes the first of a time that happens twice, as the API does', () => {
    // 02:30 on 31 October 2027 happens at +02:00 and again at +01:00 in Berlin.
    expect(withOffset('2027-10-31T02:30', 'Europe/Berlin')).toBe('2027-10-31T02:30:00+02:00');
  });

  it('shows an instant on the wall clock of a zone', () => {
    expect(wallClock('2026-12-20T14:00:00Z', 'Asia/Kolkata')).toBe('2026-12-20T19:30');
    expect(wallClock('2026-12-20T19:30:00+05:30', 'America/New_York')).toBe('2026-12-20T09:00');
  });
});
