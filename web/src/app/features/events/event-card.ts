import { Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';

import { EventItem } from '../../core/api-types';
import { formatPrice, formatTime, seatsLabel } from '../../core/time-zone';

@Component({
  selector: 'bo-event-card',
  imports: [RouterLink],
  template: `
    <article class="card">
      <h2>
        <a [routerLink]="['/events', event().id]">{{ event().title }}</a>
      </h2>
      <p class="muted">{{ event().location }}, {{ event().city }}</p>
      <p>
        <time [attr.datetime]="event().start_time">{{ starts() }}</time>
      </p>
      <p class="facts">
        <span class="price">{{ price() }}</span>
        @if (seats(); as label) {
          <span [class]="event().seats_available === 0 ? 'sold-out' : 'seats'">{{ label }}</span>
        }
        @if (event().source === 'ticketmaster') {
          <span class="muted">Ticketmaster</span>
        }
        @if (event().status !== 'active') {
          <span class="sold-out">{{ event().status === 'cancelled' ? 'Cancelled' : 'Over' }}</span>
        }
      </p>
    </article>
  `,
  styles: `
    article {
      height: 100%;
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
    }
    h2 {
      font-size: 1.15rem;
      margin: 0;
      overflow-wrap: anywhere;
    }
    p {
      margin: 0;
    }
    .facts {
      margin-top: auto;
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
    }
    .price {
      font-weight: 700;
    }
  `,
})
export class EventCard {
  readonly event = input.required<EventItem>();
  readonly zone = input.required<string>();

  protected readonly starts = computed(() => formatTime(this.event().start_time, this.zone()));
  protected readonly price = computed(() => formatPrice(this.event().price, this.event().currency));
  protected readonly seats = computed(() => seatsLabel(this.event().seats_available));
}
