import { Component, ElementRef, inject, input, output, signal, viewChild } from '@angular/core';

import { ApiClient } from '../../core/api-client';
import { Booking } from '../../core/api-types';
import { Problem } from '../../core/problem';

let serial = 0;

/**
 * `Cancel booking`, confirmed first in a modal `<dialog>`: it takes the focus (on the safe
 * choice), Escape or `Keep booking` closes it, and the focus goes back to the button.
 */
@Component({
  selector: 'bo-cancel-booking',
  template: `
    <button #opener type="button" class="secondary" (click)="open()">
      Cancel booking@if (what()) {<span class="visually-hidden"> for {{ what() }}</span>}
    </button>
    <dialog #dialog [attr.aria-labelledby]="titleId" [attr.aria-describedby]="textId" (close)="closed()">
      <h2 [id]="titleId">Cancel this booking?</h2>
      <p [id]="textId">
        {{ booking().quantity === 1 ? 'Its ticket' : 'Its ' + booking().quantity + ' tickets' }} will stop
        working and the seats go back on sale. This cannot be undone.
      </p>
      @if (problem(); as problem) {
        <p class="error" role="alert">{{ problem.title }}: {{ problem.detail }}</p>
      }
      <div class="actions">
        <button #keep type="button" class="secondary" (click)="dialog.close()">Keep booking</button>
        <button type="button" class="danger" [disabled]="busy()" (click)="confirm()">Yes, cancel it</button>
      </div>
    </dialog>
  `,
  styles: `
    dialog {
      max-width: min(28rem, calc(100vw - 2rem));
      border: 1px solid var(--border);
      border-radius: 0.6rem;
      background: var(--surface);
      color: var(--text);
      padding: 1rem;
    }
    dialog::backdrop {
      background: rgb(0 0 0 / 0.5);
    }
    h2 {
      margin-top: 0;
      font-size: 1.2rem;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      justify-content: flex-end;
    }
    .danger {
      background: var(--danger);
      border-color: var(--danger);
      color: var(--surface);
    }
  `,
})
export class CancelBooking {
  readonly booking = input.required<Booking>();
  /** What the booking is for, told to screen readers where several such buttons share a page. */
  readonly what = input('');
  readonly cancelled = output<Booking>();

  private readonly api = inject(ApiClient);
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  private readonly opener = viewChild.required<ElementRef<HTMLButtonElement>>('opener');
  private readonly keep = viewChild.required<ElementRef<HTMLButtonElement>>('keep');
  protected readonly titleId = `cancel-title-${++serial}`;
  protected readonly textId = `cancel-text-${serial}`;
  protected readonly busy = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  private done = false;

  protected open(): void {
    this.problem.set(null);
    this.dialog().nativeElement.showModal();
    this.keep().nativeElement.focus();
  }

  /** Escape or `Keep booking`: back to the button. After a cancellation the page moves the focus. */
  protected closed(): void {
    if (this.booking().status === 'confirmed' && !this.done) {
      this.opener().nativeElement.focus();
    }
  }

  protected confirm(): void {
    if (this.busy()) {
      return;
    }
    this.busy.set(true);
    this.api.cancelBooking(this.booking().id).subscribe({
      next: (booking) => {
        this.busy.set(false);
        this.done = true;
        this.dialog().nativeElement.close();
        this.cancelled.emit(booking);
      },
      error: (problem: Problem) => {
        this.busy.set(false);
        this.problem.set(problem);
      },
    });
  }
}
