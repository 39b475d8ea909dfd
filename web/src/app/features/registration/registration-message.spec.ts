import { Problem } from '../../core/problem';
import { registrationMessage, waitWords } from './registration-message';

function problem(status: number, kind: string, detail: string): Problem {
  return new Problem(status, 'Title', detail, { type: `/problems/${kind}`, title: 'Title', status, detail });
}

describe('registrationMessage', () => {
  it('says an e-mail already registered in plain words', () => {
    expect(registrationMessage(problem(409, 'already-registered', 'x'))).toBe(
      'This e-mail address is already registered for this event.',
    );
  });

  it('says a full event is full', () => {
    expect(registrationMessage(problem(409, 'not-enough-seats', '0 left'))).toContain('the event is full');
  });

  it('tells how long to wait after too many registrations', () => {
    const limited = problem(429, 'too-many-requests', 'at most 5 registrations per 3600 s from one client; try again in 90 s');
    expect(registrationMessage(limited)).toBe('Too many registrations from here. Try again in 2 minutes.');
    expect(registrationMessage(problem(429, 'too-many-requests', 'slow down'))).toContain('Try again later.');
  });

  it('keeps the API’s title and detail for anything else', () => {
    expect(registrationMessage(problem(422, 'invalid', 'email: not an address'))).toBe('Title: email: not an address');
  });
});

describe('waitWords', () => {
  it('counts seconds below a minute and whole minutes above', () => {
    expect([1, 45, 60, 61, 3599].map(waitWords)).toEqual(['1 second', '45 seconds', '1 minute', '2 minutes', '60 minutes']);
  });
});
