import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';

import { ApiClient, eventParams, nextDay } from './api-client';
import { AuthState } from './auth';
import { bearerToken, problems, signInOnUnauthorized } from './interceptors';
import { Problem } from './problem';

describe('eventParams', () => {
  it('sends only the filters that are set, trimmed, with the viewer’s zone', () => {
    const params = eventParams({ q: ' night ', city: '', source: '' }, 'Asia/Kolkata');
    expect(params.toString()).toBe('tz=Asia/Kolkata&q=night');
  });

  it('asks for whole days from From to To, both included', () => {
    const params = eventParams({ from: '2026-12-01', to: '2026-12-31' }, 'Asia/Kolkata');
    expect(params.get('from')).toBe('2026-12-01T00:00:00');
    expect(params.get('to')).toBe('2027-01-01T00:00:00');
  });
});

describe('nextDay', () => {
  it('turns months, years and leap days by the calendar', () => {
    expect(nextDay('2026-01-31')).toBe('2026-02-01');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
  });
});

describe('ApiClient with the interceptors', () => {
  let api: ApiClient;
  let http: HttpTestingController;
  let auth: AuthState;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([bearerToken, problems, signInOnUnauthorized])),
        provideHttpClientTesting(),
      ],
    });
    api = TestBed.inject(ApiClient);
    http = TestBed.inject(HttpTestingController);
    auth = TestBed.inject(AuthState);
  });

  afterEach(() => http.verify());

  it('sends no Authorization header when nobody is signed in', () => {
    api.event('e1').subscribe();
    const request = http.expectOne('/events/e1');
    expect(request.request.headers.has('Authorization')).toBe(false);
    request.flush({});
  });

  it('adds the bearer token once signed in', () => {
    auth.signIn('t0ken', 1800);
    api.event('e1').subscribe();
    const request = http.expectOne('/events/e1');
    expect(request.request.headers.get('Authorization')).toBe('Bearer t0ken');
    request.flush({});
  });

  it('forgets an expired token', () => {
    auth.signIn('old', 60, Date.now() - 61_000);
    expect(auth.token()).toBeNull();
    expect(auth.signedIn()).toBe(false);
  });

  it('turns a problem+json answer into a Problem with its title, detail and extensions', () => {
    auth.signIn('t0ken', 1800);
    let caught: Problem | undefined;
    api.book('e1', 3).subscribe({ error: (problem: Problem) => (caught = problem) });
    http.expectOne('/bookings').flush(
      { title: 'Not enough seats', detail: 'only 2 seats left', status: 409, seats_available: 2 },
      { status: 409, statusText: 'Conflict' },
    );
    expect(caught).toBeInstanceOf(Problem);
    expect(caught?.title).toBe('Not enough seats');
    expect(caught?.detail).toBe('only 2 seats left');
    expect(caught?.body.seats_available).toBe(2);
  });

  it('calls a request that got no answer a lost connection', () => {
    let caught: Problem | undefined;
    api.event('e1').subscribe({ error: (problem: Problem) => (caught = problem) });
    http.expectOne('/events/e1').error(new ProgressEvent('error'), { status: 0 });
    expect(caught?.offline).toBe(true);
    expect(caught?.title).toBe('No connection');
  });

  it('signs the user out on a 401 and sends them to sign in, then back', () => {
    const router = TestBed.inject(Router);
    const navigate = vi.spyOn(router, 'navigate').mockResolvedValue(true);
    auth.signIn('stale', 1800);
    api.booking('b1').subscribe({ error: () => undefined });
    http.expectOne('/bookings/b1').flush({ title: 'Not authenticated' }, { status: 401, statusText: 'Unauthorized' });
    expect(auth.signedIn()).toBe(false);
    expect(navigate).toHaveBeenCalledWith(['/login'], { queryParams: { next: '/' } });
  });
});
