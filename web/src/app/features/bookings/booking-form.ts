import { Component, inject, input, output, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router } from '@angular/router';

import { ApiClient } from '../../core/api-client';
import { Problem } from '../../core/problem';

export const MAX_QUANTITY = 10;

/** `Quantity` (1-10) and `Book`; a booked order goes to its confirmation page. */
@Component({
  selector: 'bo-booking-form',
  imports: [ReactiveFormsModule],
  template: `
    <form (submit)="book($event)">
      <div class="field">
        <label for="quantity">Quantity</label>
        <input id="quantity" type="number" min="1" [max]="max" step="1" [formControl]="quantity"
          aria-describedby="quantity-help" />
      </div>
      <p id="quantity-help" class="muted">From 1 to {{ max }} tickets.</p>
      @if (quantity.invalid && quantity.touched) {
        <p class="error" role="alert">Choose between 1 and {{ max }} tickets.</p>
      }
      @if (problem(); as problem) {
        <p class="error" role="alert">
          {{ problem.title }}: {{ problem.detail }}
          @if (problem.body.seats_available !== undefined) {
            Only {{ problem.body.seats_available }} left.
          }
        </p>
      }
      <button type="submit" [disabled]="busy()">Book</button>
    </form>
  `,
  styles: `
    form {
      display: flex;
      flex-direction: column;
      gap: 0.5rem;
      max-width: 16rem;
    }
    p {
      margin: 0;
    }
  `,
})
export class BookingForm {
  readonly eventId = input.required<string>();
  /** Told when the booking was refused, so the page can show fresh availability. */
  readonly failed = output<Problem>();

  private readonly api = inject(ApiClient);
  private readonly router = inject(Router);
  protected readonly max = MAX_QUANTITY;
  readonly quantity = new FormControl(1, {
    nonNullable: true,
    validators: [Validators.required, Validators.min(1), Validators.max(MAX_QUANTITY)],
  });
  protected readonly busy = signal(false);
  protected readonly problem = signal<Problem | null>(null);

  protected book(event: Event): void {
    event.preventDefault();
    this.quantity.markAsTouched();
    if (this.quantity.invalid || this.busy()) {
      return;
    }
    this.busy.set(true);
    this.problem.set(null);
    this.api.book(this.eventId(), this.quantity.value).subscribe({
      next: (booking) => void this.router.navigate(['/bookings', booking.id]),
      error: (problem: Problem) => {
        this.busy.set(false);
        this.problem.set(problem);
        this.failed.emit(problem);
      },
    });
  }
}
