import { Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';

import { ApiClient } from '../../core/api-client';
import { toProblem } from '../../core/problem';
import { ViewerZone, formatPrice, formatTime } from '../../core/time-zone';

@Component({
  selector: 'bo-booking-page',
  imports: [RouterLink],
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
          <h1>{{ booking.status === 'confirmed' ? 'Booking confirmed' : 'Booking cancelled' }}</h1>
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
          <ul aria-label="Ticket codes">
            @for (ticket of booking.tickets; track ticket.code) {
              <li><code>{{ ticket.code }}</code> <span class="muted">{{ ticket.status }}</span></li>
            }
          </ul>
          <p><a [routerLink]="['/events', booking.event_id]">Back to the event</a></p>
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
  `,
})
export class BookingPage {
  readonly id = input.required<string>();

  private readonly api = inject(ApiClient);
  private readonly viewer = inject(ViewerZone);

  protected readonly booking = rxResource({
    params: () => this.id(),
    stream: ({ params }) => this.api.booking(params),
  });
  protected readonly current = computed(() =>
    this.booking.hasValue() ? this.booking.value() : undefined,
  );
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
}
