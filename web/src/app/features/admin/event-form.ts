import { Component, ElementRef, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { AbstractControl, FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { map, of } from 'rxjs';

import { ApiClient } from '../../core/api-client';
import { EventBody, EventItem } from '../../core/api-types';
import { Problem, toProblem } from '../../core/problem';
import { ViewerZone } from '../../core/time-zone';
import {
  DEFAULT_EVENT_ZONE,
  DraftField,
  EventDraft,
  FieldErrors,
  blankDraft,
  changes,
  draftErrors,
  draftOf,
  toBody,
} from './event-rules';
import { serverFieldErrors } from './server-field-errors';

/** The order of the fields on the page: the first one in error gets the focus. */
const FIELDS: readonly DraftField[] = [
  'title',
  'description',
  'location',
  'city',
  'start',
  'end',
  'timeZone',
  'capacity',
  'price',
  'currency',
  'tags',
  'requiresSignIn',
];

/** `/admin/events/new` and `/admin/events/<id>/edit`: one form, checked with the API's rules. */
@Component({
  selector: 'bo-event-form',
  imports: [ReactiveFormsModule, RouterLink],
  templateUrl: './event-form.html',
  styleUrl: './admin.css',
})
export class EventForm {
  /** The route's `:id` when editing; none for a new event. */
  readonly id = input<string>();

  private readonly api = inject(ApiClient);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly viewer = inject(ViewerZone);
  protected readonly zones = this.viewer.choices.includes(DEFAULT_EVENT_ZONE)
    ? this.viewer.choices
    : [DEFAULT_EVENT_ZONE, ...this.viewer.choices];

  protected readonly form = new FormGroup({
    title: new FormControl('', { nonNullable: true }),
    description: new FormControl('', { nonNullable: true }),
    location: new FormControl('', { nonNullable: true }),
    city: new FormControl('', { nonNullable: true }),
    start: new FormControl('', { nonNullable: true }),
    end: new FormControl('', { nonNullable: true }),
    timeZone: new FormControl(DEFAULT_EVENT_ZONE, { nonNullable: true }),
    capacity: new FormControl<number | null>(null),
    price: new FormControl('0.00', { nonNullable: true }),
    currency: new FormControl('INR', { nonNullable: true }),
    tags: new FormControl('', { nonNullable: true }),
    requiresSignIn: new FormControl(false, { nonNullable: true }),
  });
  private readonly draft = toSignal(this.form.valueChanges.pipe(map(() => this.form.getRawValue())), {
    initialValue: this.form.getRawValue(),
  });

  /** The event being edited, as loaded (none for a new event). */
  protected readonly original = rxResource({
    params: () => this.id(),
    stream: ({ params }) => (params ? this.api.event(params) : of(undefined)),
  });
  protected readonly loaded = computed<EventItem | undefined>(() =>
    this.original.hasValue() ? this.original.value() : undefined,
  );
  protected readonly loadProblem = computed(() => {
    const error = this.original.error();
    return error ? toProblem(error) : null;
  });
  private readonly before = computed<EventBody | null>(() => {
    const event = this.loaded();
    return event ? toBody(draftOf(event)) : null;
  });

  protected readonly submitted = signal(false);
  protected readonly busy = signal(false);
  protected readonly serverErrors = signal<FieldErrors>({});
  protected readonly problem = signal<Problem | null>(null);
  protected readonly nothingChanged = signal(false);
  protected readonly errors = computed(() => this.check(this.draft()));
  protected readonly hasErrors = computed(() => Object.keys(this.errors()).length > 0);
  protected readonly draftZone = computed(() => this.draft().timeZone);

  constructor() {
    // A field the server refused stops saying so once the organiser changes it.
    for (const field of FIELDS) {
      const control: AbstractControl = this.form.controls[field];
      control.valueChanges.subscribe(() => this.forgetServerError(field));
    }
    effect(() => {
      const event = this.loaded();
      if (event) {
        untracked(() => this.form.reset(draftOf(event)));
      }
    });
  }

  protected get editing(): boolean {
    return this.id() !== undefined;
  }

  /** The message next to a field: the server's if it refused it, else the browser's after a first try. */
  protected shown(field: DraftField): string | undefined {
    return this.serverErrors()[field] ?? (this.submitted() ? this.errors()[field] : undefined);
  }

  protected describedBy(field: DraftField, help = false): string | null {
    const ids = [help ? `${field}-help` : '', this.shown(field) ? `${field}-error` : ''].filter(Boolean);
    return ids.length ? ids.join(' ') : null;
  }

  protected save(event: Event): void {
    event.preventDefault();
    this.submitted.set(true);
    this.serverErrors.set({});
    this.problem.set(null);
    this.nothingChanged.set(false);
    const draft = this.form.getRawValue();
    const errors = this.check(draft);
    if (Object.keys(errors).length > 0 || this.busy()) {
      this.focusFirst(errors);
      return;
    }
    const body = toBody(draft);
    const before = this.before();
    const id = this.id();
    if (id !== undefined && before !== null) {
      const patch = changes(before, body);
      if (Object.keys(patch).length === 0) {
        this.nothingChanged.set(true);
        return;
      }
      this.send(this.api.updateEvent(id, patch));
    } else {
      this.send(this.api.createEvent(body));
    }
  }

  private forgetServerError(field: DraftField): void {
    this.serverErrors.update((errors) => {
      if (!errors[field]) {
        return errors;
      }
      const rest = { ...errors };
      delete rest[field];
      return rest;
    });
  }

  private check(draft: EventDraft): FieldErrors {
    const before = this.before();
    // A past start is refused only when it changes: an event under way may still be edited.
    const startMoves = before === null || Date.parse(toBody(draft).start_time) !== Date.parse(before.start_time);
    return draftErrors(draft, Date.now(), startMoves);
  }

  private send(request: ReturnType<ApiClient['createEvent']>): void {
    this.busy.set(true);
    request.subscribe({
      next: (saved) => void this.router.navigate(['/admin/events', saved.id]),
      error: (problem: Problem) => {
        this.busy.set(false);
        const fields = serverFieldErrors(problem.body, problem.detail);
        this.serverErrors.set(fields);
        this.problem.set(problem);
        this.focusFirst(fields);
      },
    });
  }

  private focusFirst(errors: FieldErrors): void {
    const first = FIELDS.find((field) => errors[field]);
    const target = first ? this.host.nativeElement.querySelector<HTMLElement>(`#${first}`) : null;
    target?.focus();
  }
}
