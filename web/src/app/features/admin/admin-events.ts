import { Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { catchError, forkJoin, map, of } from 'rxjs';

import { ApiClient } from '../../core/api-client';
import { AdminShow, EventStats } from '../../core/api-types';
import { toProblem } from '../../core/problem';
import { formatTime } from '../../core/time-zone';
import { Pager } from '../../shared/pager';

export const ADMIN_PAGE_SIZE = 20;

/**
 * `/admin`: our own events with their figures. The figures come from `GET /events/{id}/stats`,
 * one small request per row of a page of 20, asked together once the page is in.
 */
@Component({
  selector: 'bo-admin-events',
  imports: [ReactiveFormsModule, RouterLink, Pager],
  templateUrl: './admin-events.html',
  styleUrl: './admin.css',
})
export class AdminEvents {
  private readonly api = inject(ApiClient);
  protected readonly size = ADMIN_PAGE_SIZE;
  protected readonly figureColumns = ['Bookings', 'Tickets sold', 'Registrations', 'Revenue'];
  protected readonly show = new FormControl<AdminShow>('upcoming', { nonNullable: true });
  private readonly chosen = signal<AdminShow>('upcoming');
  protected readonly page = signal(1);

  protected readonly events = rxResource({
    params: () => ({ show: this.chosen(), page: this.page() }),
    stream: ({ params }) => this.api.adminEvents(params.show, params.page, ADMIN_PAGE_SIZE),
  });
  protected readonly found = computed(() => (this.events.hasValue() ? this.events.value() : undefined));
  protected readonly problem = computed(() => {
    const error = this.events.error();
    return error ? toProblem(error) : null;
  });
  /** Each row's figures by event id; a row whose figures could not be had shows a dash. */
  protected readonly stats = rxResource({
    params: () => this.found()?.items.map((event) => event.id) ?? [],
    stream: ({ params }) =>
      params.length === 0
        ? of(new Map<string, EventStats | null>())
        : forkJoin(params.map((id) => this.api.eventStats(id).pipe(catchError(() => of(null))))).pipe(
            map((all) => new Map(params.map((id, i) => [id, all[i]]))),
          ),
  });
  protected readonly figures = computed(() => (this.stats.hasValue() ? this.stats.value() : undefined));

  constructor() {
    this.show.valueChanges.subscribe((show) => {
      this.page.set(1);
      this.chosen.set(show);
    });
  }

  protected when(iso: string, zone: string): string {
    return formatTime(iso, zone);
  }

  protected readonly amount = formatAmount;
}

/** "₹1,998.00": an amount with its currency, zero included (a revenue is never "Free"). */
export function formatAmount(amount: string, currency: string, locale = 'en-GB'): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(Number(amount));
}
