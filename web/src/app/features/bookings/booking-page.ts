import {
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  linkedSignal,
  viewChild,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';

import { ApiClient } from '../../core/api-client';
import { Booking } from '../../core/api-types';
import { toProblem } from '../../core/problem';
import { ViewerZone, formatPrice, formatTime } from '../../core/time-zone';
import { CancelBooking } from './cancel-booking';
import { TicketQr } from './ticket-qr';

@Component({
  selector: 'bo-booking-page',
  imports: [RouterLink, TicketQr, CancelBooking],
  template: `
    <main>
      @if (problem(); as problem) {
        <div class="card" role="alert">
          <h1>{{ problem.title }}</h1>
          <p>{{ problem.detail }}</p>
          <button type="button" (click)="booking.reload()">Try again</button>
        </div>
      } @else if (current(); as booking) {
        <article class="card">
          <h1 #heading tabindex="-1">{{ booking.status === 'confirmed' ? 'Booking confirmed' : 'Booking cancelled' }}</h1>
          <dl>
            <dt>Tickets</dt>
            <dd>{{ booking.quantity }}</dd>
            <dt>Total</dt>
            <dd>{{ total() }}</dd>
            <dt>Status</dt>
            <dd>{{ booking.status }}</dd>
            <dt>Booked</dt>
            <dd>{{ booked() }}</dd>
          </dl>
          <h2>Ticket codes</h2>
          <ul aria-label="Ticket codes" class="tickets">
            @for (ticket of booking.tickets; track ticket.code) {
              <li>
                @if (ticket.status !== 'cancelled') {
                  <bo-ticket-qr [code]="ticket.code" />
                }
                <code>{{ ticket.code }}</code>
                <span class="muted">{{ ticket.status }}</span>
              </li>
            }
          </ul>
          @if (booking.status === 'confirmed') {
            <bo-cancel-booking [booking]="booking" (cancelled)="cancelled($event)" />
          }
          <p>
            <a [routerLink]="['/events', booking.event_id]">Back to the event</a> ·
            <a routerLink="/my/bookings">My bookings</a>
          </p>
        </article>
      } @else {
        <p class="muted" aria-live="polite">Loading your booking…</p>
      }
    </main>
  `,
  styles: `
    dl {
      display: grid;
      grid-template-columns: max-content minmax(0, 1fr);
      gap: 0.3rem 1rem;
    }
    dt {
      font-weight: 600;
    }
    dd {
      margin: 0;
    }
    code {
      font-size: 1.1rem;
      overflow-wrap: anywhere;
    }
    .tickets {
      list-style: none;
      padding: 0;
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr));
      gap: 1rem;
    }
    .tickets li {
      display: flex;
      flex-direction: column;
      gap: 0.3rem;
    }
    h1:focus {
      outline: none;
    }
  `,
})
export class BookingPage {
  readonly id = input.required<string>();

  private readonly api = inject(ApiClient);
  private readonly viewer = inject(ViewerZone);
  private readonly injector = inject(Injector);

  protected readonly booking = rxResource({
    params: () => this.id(),
    stream: ({ params }) => this.api.booking(params),
  });
  /** The booking as loaded, or as its cancellation answered. */
  protected readonly current = linkedSignal<Booking | undefined>(() =>
    this.booking.hasValue() ? this.booking.value() : undefined,
  );
  private readonly heading = viewChild<ElementRef<HTMLElement>>('heading');
  protected readonly problem = computed(() => {
    const error = this.booking.error();
    return error ? toProblem(error) : null;
  });
  protected readonly total = computed(() => {
    const booking = this.current();
    return booking ? formatPrice(booking.total_amount, booking.currency) : '';
  });
  protected readonly booked = computed(() => {
    const booking = this.current();
    return booking ? formatTime(booking.booked_at, this.viewer.zone()) : '';
  });

  /** The page now says "Booking cancelled"; the focus goes to that news. */
  protected cancelled(booking: Booking): void {
    this.current.set(booking);
    afterNextRender(() => this.heading()?.nativeElement.focus(), { injector: this.injector });
  }
}
