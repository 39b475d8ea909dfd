import { Component, computed, inject, signal } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { debounceTime, map } from 'rxjs';

import { ApiClient } from '../../core/api-client';
import { EventQuery, EventSource } from '../../core/api-types';
import { Problem, toProblem } from '../../core/problem';
import { ViewerZone } from '../../core/time-zone';
import { EventCard } from './event-card';
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
  private readonly chosen = toSignal(
    this.filters.valueChanges.pipe(
      debounceTime(250),
      map(() => this.filters.getRawValue()),
    ),
    { initialValue: this.filters.getRawValue() },
  );
  protected readonly page = signal(1);

  protected readonly events = rxResource({
    params: () => {
      const query: EventQuery = { ...this.chosen(), page: this.page(), size: PAGE_SIZE };
      // Dates are read in the zone they are sent with: only then does the zone change the answer.
      const zone = query.from || query.to ? this.viewer.zone() : 'UTC';
      return { query, zone };
    },
    stream: ({ params }) => this.api.events(params.query, params.zone),
  });
  protected readonly found = computed(() => (this.events.hasValue() ? this.events.value() : undefined));
  protected readonly problem = computed<Problem | null>(() => {
    const error = this.events.error();
    return error ? toProblem(error) : null;
  });
  protected readonly pages = computed(() =>
    Math.max(1, Math.ceil((this.found()?.total ?? 0) / PAGE_SIZE)),
  );

  constructor() {
    this.filters.valueChanges.subscribe(() => this.page.set(1));
  }

  protected turn(by: number): void {
    this.page.update((page) => Math.min(this.pages(), Math.max(1, page + by)));
  }

  protected clear(): void {
    this.filters.reset();
  }
}
