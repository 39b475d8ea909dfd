import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { firstValueFrom } from 'rxjs';

import { ApiClient } from '../../core/api-client';
import { AuthState } from '../../core/auth';
import { bearerToken, problems } from '../../core/interceptors';
import { Problem } from '../../core/problem';
import { pageCount } from '../../shared/pager';

describe('the API calls of the event page’s extras and my pages', () => {
  let api: ApiClient;
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([bearerToken, problems])),
        provideHttpClientTesting(),
      ],
    });
    api = TestBed.inject(ApiClient);
    http = TestBed.inject(HttpTestingController);
    TestBed.inject(AuthState).signIn('token-1', 1800);
  });

  afterEach(() => http.verify());

  it('saves, unsaves, subscribes and unsubscribes with the token and no body', () => {
    const calls: [() => unknown, string, string][] = [
      [() => api.save('e 1'), 'POST', '/events/e%201/save'],
      [() => api.unsave('e 1'), 'DELETE', '/events/e%201/save'],
      [() => api.subscribe('e1'), 'POST', '/events/e1/subscribe'],
      [() => api.unsubscribe('e1'), 'DELETE', '/events/e1/subscribe'],
      [() => api.cancelBooking('b1'), 'POST', '/bookings/b1/cancel'],
    ];
    for (const [call, method, url] of calls) {
      (call() as { subscribe: () => void }).subscribe();
      const request = http.expectOne(url);
      expect(request.request.method).toBe(method);
      expect(request.request.body).toBeNull();
      expect(request.request.headers.get('Authorization')).toBe('Bearer token-1');
      request.flush(null);
    }
  });

  it('registers with the name and e-mail as JSON', () => {
    api.register('e1', 'Kavya', 'kavya@example.com').subscribe();
    const request = http.expectOne('/events/e1/register');
    expect(request.request.body).toEqual({ name: 'Kavya', email: 'kavya@example.com' });
    request.flush({});
  });

  it('asks for one page of my bookings and my events', () => {
    api.myBookings(2, 10).subscribe();
    http.expectOne('/my/bookings?page=2&size=10').flush({ items: [], page: 2, size: 10, total: 0 });
    api.myEvents(1, 12).subscribe();
    http.expectOne('/my/events?page=1&size=12').flush({ items: [], page: 1, size: 12, total: 0 });
  });

  it('links the calendar file of an event', () => {
    expect(api.calendarUrl('a/b')).toBe('/events/a%2Fb/calendar.ics');
  });

  it('turns a refused registration into a Problem with its type', async () => {
    const answer = firstValueFrom(api.register('e1', 'Kavya', 'kavya@example.com'));
    http.expectOne('/events/e1/register').flush(
      { type: '/problems/already-registered', title: 'Already registered', status: 409, detail: 'kavya@example.com' },
      { status: 409, statusText: 'Conflict' },
    );
    const problem = await answer.catch((e: unknown) => e);
    expect(problem).toBeInstanceOf(Problem);
    expect((problem as Problem).body.type).toBe('/problems/already-registered');
  });
});

describe('pageCount', () => {
  it('is one page for nothing and rounds a partial page up', () => {
    expect([0, 1, 10, 11, 25].map((total) => pageCount(total, 10))).toEqual([1, 1, 1, 2, 3]);
  });
});
