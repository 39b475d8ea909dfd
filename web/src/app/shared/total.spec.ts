import { totalLabel } from './total';

describe('totalLabel', () => {
  it('says an exact total as it is', () => {
    expect(totalLabel(1, true, 'event', 'events')).toBe('1 event');
    expect(totalLabel(12, true, 'event', 'events')).toBe('12 events');
    expect(totalLabel(1001, undefined, 'event', 'events')).toBe('1001 events');
  });

  it('says a bounded total as more than the bound', () => {
    expect(totalLabel(1001, false, 'event', 'events')).toBe('1,000+ events');
    expect(totalLabel(1013, false, 'event', 'events')).toBe('1,012+ events');
  });
});
