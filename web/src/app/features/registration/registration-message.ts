import { Problem } from '../../core/problem';

/** A refused registration in plain words; the API's own title and detail otherwise. */
export function registrationMessage(problem: Problem): string {
  const kind = (problem.body.type ?? '').split('/').pop();
  if (problem.status === 429) {
    const seconds = Number(/try again in (\d+) s/.exec(problem.detail)?.[1]);
    return Number.isFinite(seconds) && seconds > 0
      ? `Too many registrations from here. Try again in ${waitWords(seconds)}.`
      : 'Too many registrations from here. Try again later.';
  }
  if (kind === 'already-registered') {
    return 'This e-mail address is already registered for this event.';
  }
  if (kind === 'not-enough-seats') {
    return 'Sorry, the event is full: no places are left.';
  }
  if (kind === 'event-not-open') {
    return `Registration is closed: ${problem.detail}`;
  }
  return problem.detail ? `${problem.title}: ${problem.detail}` : problem.title;
}

/** 45 → "45 seconds", 60 → "1 minute", 3599 → "60 minutes". */
export function waitWords(seconds: number): string {
  if (seconds < 60) {
    return seconds === 1 ? '1 second' : `${seconds} seconds`;
  }
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
