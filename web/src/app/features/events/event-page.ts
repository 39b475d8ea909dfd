import { Component, computed, inject, input } from '@angular/core';
import { rxResource, takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { filter, fromEvent } from 'rxjs';

import { ApiClient } from '../../core/api-client';
import { AuthState } from '../../core/auth';
import { toProblem } from '../../core/problem';
import { ViewerZone, formatPrice, formatTime, seatsLabel } from '../../core/time-zone';
import { BookingForm } from '../bookings/booking-form';
import { EventToggles } from '../my/event-toggles';
import { RegistrationForm } from '../registration/registration-form';
import { TimeZonePicker } from './time-zone-picker';

@Component({
  selector: 'bo-event-page',
  imports: [RouterLink, TimeZonePicker, BookingForm, EventToggles, RegistrationForm],
  templateUrl: './event-page.html',
  styleUrl: './event-page.css',
})
export class EventPage {
  /** The route's `:id`, bound by the router. */
  readonly id = input.required<string>();

  private readonly api = inject(ApiClient);
  protected readonly auth = inject(AuthState);
  protected readonly viewer = inject(ViewerZone);

  protected readonly event = rxResource({
    params: () => this.id(),
    stream: ({ params }) => this.api.eventView(params),
  });
  /** The event once loaded; kept while it reloads, so the booking form and its message stay. */
  protected readonly current = computed(() => (this.event.hasValue() ? this.event.value() : undefined));
  protected readonly problem = computed(() => {
    const error = this.event.error();
    return error ? toProblem(error) : null;
  });
  protected readonly times = computed(() => {
    const event = this.current();
    if (!event) {
      return null;
    }
    const zone = this.viewer.zone();
    return {
      eventStart: formatTime(event.start_time, event.timezone),
      eventEnd: formatTime(event.end_time, event.timezone),
      viewerStart: formatTime(event.start_time, zone),
      viewerEnd: formatTime(event.end_time, zone),
    };
  });
  protected readonly price = computed(() => {
    const event = this.current();
    return event ? formatPrice(event.price, event.currency) : '';
  });
  protected readonly seats = computed(() => seatsLabel(this.current()?.seats_available ?? null));
  protected readonly sellsHere = computed(() => {
    const event = this.current();
    return !!event && event.source === 'local' && event.bookable && event.status === 'active';
  });

  /** After a refused booking the seats left have changed: show the fresh figure. */
  protected refresh(): void {
    this.event.reload();
  }

  // Event page extras
  protected readonly calendarUrl = computed(() => this.api.calendarUrl(this.id()));
  /** Our own active events take registrations by name and e-mail, each taking one seat. */
  protected readonly takesRegistrations = this.sellsHere;

  constructor() {
    // Back on the tab after a while: others may have booked meanwhile, so read the seats again.
    fromEvent(document, 'visibilitychange')
      .pipe(
        filter(() => document.visibilityState === 'visible'),
        takeUntilDestroyed(),
      )
      .subscribe(() => this.event.reload());
  }
}
