import {
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';

import { ApiClient } from '../../core/api-client';
import { Problem, toProblem } from '../../core/problem';
import { formatTime } from '../../core/time-zone';
import { Pager } from '../../shared/pager';
import { formatAmount } from './admin-events';

export const LIST_PAGE_SIZE = 10;

/** `/admin/events/<id>`: the event's figures, its bookings and its attendees, and cancelling it. */
@Component({
  selector: 'bo-admin-event-page',
  imports: [RouterLink, Pager],
  templateUrl: './admin-event-page.html',
  styleUrl: './admin.css',
})
export class AdminEventPage {
  /** The route's `:id`, bound by the router. */
  readonly id = input.required<string>();

  private readonly api = inject(ApiClient);
  private readonly injector = inject(Injector);
  protected readonly size = LIST_PAGE_SIZE;
  protected readonly amount = formatAmount;
  protected readonly bookingsPage = signal(1);
  protected readonly attendeesPage = signal(1);

  protected readonly event = rxResource({
    params: () => this.id(),
    stream: ({ params }) => this.api.event(params),
  });
  protected readonly stats = rxResource({
    params: () => this.id(),
    stream: ({ params }) => this.api.eventStats(params),
  });
  protected readonly bookings = rxResource({
    params: () => ({ id: this.id(), page: this.bookingsPage() }),
    stream: ({ params }) => this.api.eventBookings(params.id, params.page, LIST_PAGE_SIZE),
  });
  protected readonly attendees = rxResource({
    params: () => ({ id: this.id(), page: this.attendeesPage() }),
    stream: ({ params }) => this.api.eventAttendees(params.id, params.page, LIST_PAGE_SIZE),
  });

  protected readonly current = computed(() => (this.event.hasValue() ? this.event.value() : undefined));
  protected readonly problem = computed(() => {
    const error = this.event.error() ?? this.stats.error();
    return error ? toProblem(error) : null;
  });
  protected readonly listProblem = (error: unknown): Problem => toProblem(error);

  private readonly dialog = viewChild<ElementRef<HTMLDialogElement>>('confirm');
  private readonly opener = viewChild<ElementRef<HTMLButtonElement>>('cancelButton');
  private readonly cancelledNote = viewChild<ElementRef<HTMLElement>>('cancelledNote');
  protected readonly cancelling = signal(false);
  protected readonly cancelProblem = signal<Problem | null>(null);
  protected readonly cancelled = signal(false);

  protected when(iso: string): string {
    const event = this.current();
    return formatTime(iso, event?.timezone ?? 'UTC');
  }

  protected askToCancel(): void {
    this.cancelProblem.set(null);
    this.dialog()?.nativeElement.showModal();
  }

  /** Escape, `Keep the event`, or done: the dialog closes and the focus goes back to its opener. */
  protected closeDialog(): void {
    this.dialog()?.nativeElement.close();
    this.opener()?.nativeElement.focus();
  }

  protected confirmCancel(): void {
    if (this.cancelling()) {
      return;
    }
    this.cancelling.set(true);
    this.api.updateEvent(this.id(), { status: 'cancelled' }).subscribe({
      next: (event) => {
        this.cancelling.set(false);
        this.dialog()?.nativeElement.close();
        this.event.set(event);
        this.cancelled.set(true);
        // The button that opened the dialog is gone with the event's cancellation: say what happened.
        afterNextRender(() => this.cancelledNote()?.nativeElement.focus(), { injector: this.injector });
        this.stats.reload();
        this.bookings.reload();
      },
      error: (problem: Problem) => {
        this.cancelling.set(false);
        this.cancelProblem.set(problem);
      },
    });
  }
}
