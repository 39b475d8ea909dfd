import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';

import {
  Account,
  AdminShow,
  Booking,
  EventBody,
  EventItem,
  EventPatch,
  EventQuery,
  EventStats,
  Me,
  NotificationItem,
  Page,
  Registration,
  SignInProvider,
  SignUp,
  TokenAnswer,
} from './api-types';
// Event page extras, bookings and my pages
import { EventView, Subscription } from './api-types';

/** The one place that knows the API's URLs; pages call these methods, never build paths. */
@Injectable({ providedIn: 'root' })
export class ApiClient {
  private readonly http = inject(HttpClient);

  events(query: EventQuery, timeZone: string): Observable<Page<EventItem>> {
    return this.http.get<Page<EventItem>>('/events', { params: eventParams(query, timeZone) });
  }

  event(id: string): Observable<EventItem> {
    return this.http.get<EventItem>(`/events/${encodeURIComponent(id)}`);
  }

  login(login: string, password: string): Observable<TokenAnswer> {
    return this.http.post<TokenAnswer>('/auth/login', { login, password });
  }

  book(eventId: string, quantity: number): Observable<Booking> {
    return this.http.post<Booking>('/bookings', { event_id: eventId, quantity });
  }

  booking(id: string): Observable<Booking> {
    return this.http.get<Booking>(`/bookings/${encodeURIComponent(id)}`);
  }

  // Event page extras, bookings and my pages
  /** One event; with a token it also says whether the caller saved and follows it. */
  eventView(id: string): Observable<EventView> {
    return this.http.get<EventView>(`/events/${encodeURIComponent(id)}`);
  }

  /** Where the event's .ics file is downloaded from (a plain link, no token needed). */
  calendarUrl(eventId: string): string {
    return `/events/${encodeURIComponent(eventId)}/calendar.ics`;
  }

  register(eventId: string, name: string, email: string): Observable<Registration> {
    return this.http.post<Registration>(`/events/${encodeURIComponent(eventId)}/register`, { name, email });
  }

  save(eventId: string): Observable<EventItem> {
    return this.http.post<EventItem>(`/events/${encodeURIComponent(eventId)}/save`, null);
  }

  unsave(eventId: string): Observable<void> {
    return this.http.delete<void>(`/events/${encodeURIComponent(eventId)}/save`);
  }

  subscribe(eventId: string): Observable<Subscription> {
    return this.http.post<Subscription>(`/events/${encodeURIComponent(eventId)}/subscribe`, null);
  }

  unsubscribe(eventId: string): Observable<void> {
    return this.http.delete<void>(`/events/${encodeURIComponent(eventId)}/subscribe`);
  }

  cancelBooking(id: string): Observable<Booking> {
    return this.http.post<Booking>(`/bookings/${encodeURIComponent(id)}/cancel`, null);
  }

  myBookings(page: number, size: number): Observable<Page<Booking>> {
    return this.http.get<Page<Booking>>('/my/bookings', { params: { page, size } });
  }

  myEvents(page: number, size: number): Observable<Page<EventItem>> {
    return this.http.get<Page<EventItem>>('/my/events', { params: { page, size } });
  }

  // Sign-up, identity providers and notifications
  signUp(account: SignUp): Observable<Account> {
    return this.http.post<Account>('/auth/register', account);
  }

  signInProviders(): Observable<readonly SignInProvider[]> {
    return this.http.get<readonly SignInProvider[]>('/auth/providers');
  }

  notifications(page: number, size: number, unreadOnly = false): Observable<Page<NotificationItem>> {
    let params = new HttpParams().set('page', page).set('size', size);
    if (unreadOnly) {
      params = params.set('unread', 'true');
    }
    return this.http.get<Page<NotificationItem>>('/notifications', { params });
  }

  markNotificationRead(id: number): Observable<void> {
    return this.http.post<void>(`/notifications/${encodeURIComponent(id)}/read`, null);
  }

  markAllNotificationsRead(): Observable<void> {
    return this.http.post<void>('/notifications/read-all', null);
  }

  // The organiser's admin pages
  me(): Observable<Me> {
    return this.http.get<Me>('/auth/me');
  }

  adminEvents(show: AdminShow, page: number, size: number, now = new Date()): Observable<Page<EventItem>> {
    return this.http.get<Page<EventItem>>('/events', { params: adminEventParams(show, page, size, now) });
  }

  eventStats(id: string): Observable<EventStats> {
    return this.http.get<EventStats>(`/events/${encodeURIComponent(id)}/stats`);
  }

  createEvent(body: EventBody): Observable<EventItem> {
    return this.http.post<EventItem>('/events', body);
  }

  updateEvent(id: string, changes: EventPatch): Observable<EventItem> {
    return this.http.patch<EventItem>(`/events/${encodeURIComponent(id)}`, changes);
  }

  eventBookings(id: string, page: number, size: number): Observable<Page<Booking>> {
    const params = new HttpParams().set('page', page).set('size', size);
    return this.http.get<Page<Booking>>(`/events/${encodeURIComponent(id)}/bookings`, { params });
  }

  eventAttendees(id: string, page: number, size: number): Observable<Page<Registration>> {
    const params = new HttpParams().set('page', page).set('size', size);
    return this.http.get<Page<Registration>>(`/events/${encodeURIComponent(id)}/attendees`, { params });
  }
}

/**
 * Only the filters that are set. `From` and `To` are whole days in the viewer's zone: the API
 * reads naive times in `tz` and takes `to` as "starting before", so `To` becomes the next midnight.
 */
export function eventParams(query: EventQuery, timeZone: string): HttpParams {
  const days = { from: query.from && `${query.from}T00:00:00`, to: query.to && `${nextDay(query.to)}T00:00:00` };
  let params = new HttpParams().set('tz', timeZone);
  for (const [key, value] of Object.entries({ ...query, ...days })) {
    if (value !== undefined && value !== null && String(value).trim() !== '') {
      params = params.set(key, String(value).trim());
    }
  }
  return params;
}

/** "2026-12-31" → "2027-01-01", by the calendar alone (no zone, no summer time). */
export function nextDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, date + 1)).toISOString().slice(0, 10);
}

// The organiser's admin pages
/**
 * Our own events, whatever their state: `upcoming` are active and not yet over (the API's
 * default), `past` active ones that started before `now`, the others by their status.
 */
export function adminEventParams(show: AdminShow, page: number, size: number, now: Date): HttpParams {
  let params = new HttpParams().set('source', 'local').set('page', page).set('size', size).set('tz', 'UTC');
  if (show === 'past') {
    params = params.set('status', 'active').set('from', '1970-01-01').set('to', now.toISOString());
  } else {
    params = params.set('status', show === 'upcoming' ? 'active' : show);
  }
  return params;
}
