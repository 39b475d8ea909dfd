import { adminEventParams } from '../../core/api-client';
import { formatAmount } from './admin-events';

describe('adminEventParams', () => {
  const now = new Date('2026-12-01T12:00:00Z');

  it('asks for our own events only, active and not yet over by default', () => {
    expect(adminEventParams('upcoming', 2, 20, now).toString()).toBe('source=local&page=2&size=20&tz=UTC&status=active');
  });

  it('asks for past events as active ones that started before now', () => {
    const params = adminEventParams('past', 1, 20, now);
    expect(params.get('status')).toBe('active');
    expect(params.get('from')).toBe('1970-01-01');
    expect(params.get('to')).toBe('2026-12-01T12:00:00.000Z');
  });

  it('asks for cancelled and completed events by their status', () => {
    expect(adminEventParams('cancelled', 1, 20, now).get('status')).toBe('cancelled');
    expect(adminEventParams('completed', 1, 20, now).get('status')).toBe('completed');
  });
});

describe('formatAmount', () => {
  it('shows a revenue with its currency, zero included', () => {
    expect(formatAmount('1998.00', 'INR')).toBe('₹1,998.00');
    expect(formatAmount('0.00', 'EUR')).toBe('€0.00');
  });
});
