import { Component, computed, effect, inject, untracked } from '@angular/core';
import { rxResource, takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { ActivatedRoute, Router } from '@angular/router';
import { debounceTime } from 'rxjs';

import { ApiClient } from '../../core/api-client';
import { EventQuery, EventSource } from '../../core/api-types';
import { Problem, toProblem } from '../../core/problem';
import { ViewerZone, browserZone } from '../../core/time-zone';
import { totalLabel } from '../../shared/total';
import { EventCard } from './event-card';
import { listQueryParams, readListQuery } from './list-query';
import { TimeZonePicker } from './time-zone-picker';

export const PAGE_SIZE = 12;

@Component({
  selector: 'bo-event-list',
  imports: [ReactiveFormsModule, EventCard, TimeZonePicker],
  templateUrl: './event-list.html',
  styleUrl: './event-list.css',
})
export class EventList {
  private readonly api = inject(ApiClient);
  protected readonly viewer = inject(ViewerZone);

  protected readonly filters = new FormGroup({
    q: new FormControl('', { nonNullable: true }),
    from: new FormControl('', { nonNullable: true }),
    to: new FormControl('', { nonNullable: true }),
    city: new FormControl('', { nonNullable: true }),
    source: new FormControl<EventSource | ''>('', { nonNullable: true }),
  });
  // The address holds the filters, the page and the zone: a reload or a shared link restores
  // them, and Back and Forward step through them.
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly address = toSignal(this.route.queryParamMap, { requireSync: true });
  private readonly query = computed(() => readListQuery(this.address(), this.viewer.choices));
  protected readonly page = computed(() => this.query().page);

  /** What to ask the API; an address change that asks the same (the zone alone) asks nothing. */
  private readonly request = computed(
    () => {
      const { tz, ...chosen } = this.query();
      const query: EventQuery = { ...chosen, size: PAGE_SIZE };
      // Dates are read in the zone they are sent with: only then does the zone change the answer.
      const zone = query.from || query.to ? (tz ?? this.viewer.zone()) : 'UTC';
      return { query, zone };
    },
    { equal: (a, b) => JSON.stringify(a) === JSON.stringify(b) },
  );

  protected readonly events = rxResource({
    params: () => this.request(),
    stream: ({ params }) => this.api.events(params.query, params.zone),
  });
  protected readonly found = computed(() => (this.events.hasValue() ? this.events.value() : undefined));
  protected readonly problem = computed<Problem | null>(() => {
    const error = this.events.error();
    return error ? toProblem(error) : null;
  });
  protected readonly totalText = computed(() => {
    const found = this.found();
    return found ? totalLabel(found.total, found.total_is_exact, 'event', 'events') : '';
  });
  protected readonly pages = computed(() =>
    Math.max(1, Math.ceil((this.found()?.total ?? 0) / PAGE_SIZE)),
  );

  constructor() {
    effect(() => {
      const { tz, page: _page, ...filters } = this.query();
      untracked(() => {
        this.filters.setValue(filters, { emitEvent: false });
        if (tz) {
          this.viewer.zone.set(tz);
        }
      });
    });
    // A zone picked on this page goes into the address too (replacing it: no extra step back).
    effect(() => {
      const zone = this.viewer.zone();
      untracked(() => {
        const named = this.query().tz;
        if (zone !== (named ?? browserZone())) {
          this.go(this.query().page, true);
        }
      });
    });
    this.filters.valueChanges.pipe(debounceTime(250), takeUntilDestroyed()).subscribe(() => this.go(1));
  }

  protected turn(by: number): void {
    this.go(Math.min(this.pages(), Math.max(1, this.page() + by)));
  }

  protected clear(): void {
    this.filters.reset();
  }

  private go(page: number, replaceUrl = false): void {
    const zone = this.viewer.zone();
    const params = listQueryParams(this.filters.getRawValue(), page, zone === browserZone() ? null : zone);
    void this.router.navigate([], { relativeTo: this.route, queryParams: params, replaceUrl });
  }
}
