import { Component, ElementRef, computed, inject, signal, viewChild } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { Observable, catchError, forkJoin, map, of, switchMap } from 'rxjs';

import { ApiClient } from '../../core/api-client';
import { Booking, Page } from '../../core/api-types';
import { toProblem } from '../../core/problem';
import { ViewerZone, formatPrice, formatTime } from '../../core/time-zone';
import { CancelBooking } from '../bookings/cancel-booking';
import { Pager } from '../../shared/pager';

export const BOOKINGS_PER_PAGE = 10;

interface BookingRow {
  readonly booking: Booking;
  readonly title: string; // the event's, or a placeholder when it cannot be read
}

/** `/my/bookings`: the signed-in user's bookings, newest first, with codes and cancel. */
@Component({
  selector: 'bo-my-bookings',
  imports: [RouterLink, CancelBooking, Pager],
  template: `
    <main>
      <h1 #heading tabindex="-1">My bookings</h1>
      @if (problem(); as problem) {
        <div class="card" role="alert">
          <p><strong>{{ problem.title }}</strong> {{ problem.detail }}</p>
          <button type="button" (click)="rows.reload()">Try again</button>
        </div>
      } @else if (rows.hasValue()) {
        @if (rows.value().total === 0) {
          <p class="card">You have no bookings yet. <a routerLink="/">Find an event</a></p>
        } @else {
          <ul class="bookings" aria-label="Bookings">
            @for (row of rows.value().items; track row.booking.id) {
              <li class="card">
                <h2><a [routerLink]="['/bookings', row.booking.id]">{{ row.title }}</a></h2>
                <p>
                  {{ row.booking.quantity }} {{ row.booking.quantity === 1 ? 'ticket' : 'tickets' }} ·
                  {{ total(row.booking) }} ·
                  <span [class]="row.booking.status === 'cancelled' ? 'sold-out' : 'seats'">{{ row.booking.status }}</span>
                </p>
                <p class="muted">Booked {{ booked(row.booking) }}</p>
                <ul class="codes" [attr.aria-label]="'Ticket codes for ' + row.title">
                  @for (ticket of row.booking.tickets; track ticket.code) {
                    <li><code>{{ ticket.code }}</code></li>
                  }
                </ul>
                @if (row.booking.status === 'confirmed') {
                  <bo-cancel-booking [booking]="row.booking" [what]="row.title" (cancelled)="cancelled(row.title)" />
                }
              </li>
            }
          </ul>
          <bo-pager [page]="page()" [total]="rows.value().total" [size]="size" label="Pages of bookings" (turned)="page.set($event)" />
        }
      } @else {
        <p class="muted" aria-live="polite">Loading your bookings…</p>
      }
      <p class="visually-hidden" aria-live="polite">{{ news() }}</p>
    </main>
  `,
  styles: `
    .bookings {
      list-style: none;
      padding: 0;
      display: grid;
      gap: 1rem;
    }
    h2 {
      font-size: 1.15rem;
      margin: 0 0 0.3rem;
      overflow-wrap: anywhere;
    }
    h1:focus {
      outline: none;
    }
    p {
      margin: 0.2rem 0;
    }
    .codes {
      display: flex;
      flex-wrap: wrap;
      gap: 0.3rem 1.2rem;
      list-style: none;
      padding: 0;
      margin: 0.4rem 0 0.8rem;
    }
    code {
      overflow-wrap: anywhere;
    }
  `,
})
export class MyBookings {
  private readonly api = inject(ApiClient);
  private readonly viewer = inject(ViewerZone);
  private readonly heading = viewChild.required<ElementRef<HTMLElement>>('heading');
  protected readonly size = BOOKINGS_PER_PAGE;
  protected readonly page = signal(1);
  protected readonly news = signal('');

  protected readonly rows = rxResource({
    params: () => this.page(),
    stream: ({ params }) => this.api.myBookings(params, this.size).pipe(switchMap((found) => this.withTitles(found))),
  });
  protected readonly problem = computed(() => {
    const error = this.rows.error();
    return error ? toProblem(error) : null;
  });

  /** The cancel button is gone with the reload: the focus goes to the page's heading. */
  protected cancelled(title: string): void {
    this.news.set(`Your booking for ${title} is cancelled.`);
    this.heading().nativeElement.focus();
    this.rows.reload();
  }

  protected total(booking: Booking): string {
    return formatPrice(booking.total_amount, booking.currency);
  }

  protected booked(booking: Booking): string {
    return formatTime(booking.booked_at, this.viewer.zone());
  }

  /** Each booking with its event's title: one read per event on the page. */
  private withTitles(found: Page<Booking>): Observable<Page<BookingRow>> {
    const ids = [...new Set(found.items.map((b) => b.event_id))];
    if (ids.length === 0) {
      return of({ ...found, items: [] });
    }
    const titles = ids.map((id) =>
      this.api.event(id).pipe(
        map((event) => event.title),
        catchError(() => of('An event')),
      ),
    );
    return forkJoin(titles).pipe(
      map((names) => {
        const byId = new Map(ids.map((id, i) => [id, names[i]]));
        return { ...found, items: found.items.map((booking) => ({ booking, title: byId.get(booking.event_id)! })) };
      }),
    );
  }
}
