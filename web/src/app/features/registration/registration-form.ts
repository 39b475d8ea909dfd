import { Component, ElementRef, Injector, afterNextRender, inject, input, output, signal, viewChild } from '@angular/core';
import { AbstractControl, FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';

import { ApiClient } from '../../core/api-client';
import { Registration } from '../../core/api-types';
import { Problem } from '../../core/problem';
import { registrationMessage } from './registration-message';

/** `Name`, `Email` and `Register`: a place at the event by name and e-mail, signed in or not. */
@Component({
  selector: 'bo-registration-form',
  imports: [ReactiveFormsModule],
  template: `
    <form [formGroup]="form" (submit)="register($event)" novalidate>
      <div class="field">
        <label for="registration-name">Name</label>
        <input id="registration-name" type="text" formControlName="name" autocomplete="name" maxlength="100"
          [attr.aria-invalid]="nameWrong()" [attr.aria-describedby]="nameWrong() ? 'registration-name-error' : null" />
        @if (nameWrong()) {
          <p id="registration-name-error" class="error">Enter your name (up to 100 characters).</p>
        }
      </div>
      <div class="field">
        <label for="registration-email">Email</label>
        <input id="registration-email" type="email" formControlName="email" autocomplete="email" maxlength="254"
          [attr.aria-invalid]="emailWrong()" [attr.aria-describedby]="emailWrong() ? 'registration-email-error' : null" />
        @if (emailWrong()) {
          <p id="registration-email-error" class="error">Enter an e-mail address such as name&#64;example.com.</p>
        }
      </div>
      <button type="submit" [disabled]="busy()">Register</button>
      <div #message tabindex="-1" class="message">
        @if (done(); as registration) {
          <p class="done" role="status">You are registered, {{ registration.name }}. We will write to {{ registration.email }}.</p>
        }
        @if (refusal(); as refusal) {
          <p class="error" role="alert">{{ refusal }}</p>
        }
      </div>
    </form>
  `,
  styles: `
    form {
      display: flex;
      flex-direction: column;
      gap: 0.5rem;
      max-width: 24rem;
    }
    p {
      margin: 0;
    }
    .done {
      color: var(--ok);
      font-weight: 600;
    }
    .message:focus {
      outline: none;
    }
  `,
})
export class RegistrationForm {
  readonly eventId = input.required<string>();
  /** Told after every answer, so the page shows the places left. */
  readonly answered = output<void>();

  private readonly api = inject(ApiClient);
  private readonly injector = inject(Injector);
  private readonly message = viewChild.required<ElementRef<HTMLElement>>('message');
  readonly form = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(100), notBlank] }),
    email: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.email, Validators.maxLength(254)],
    }),
  });
  protected readonly busy = signal(false);
  protected nameWrong(): boolean {
    return this.form.controls.name.invalid && this.form.controls.name.touched;
  }
  protected emailWrong(): boolean {
    return this.form.controls.email.invalid && this.form.controls.email.touched;
  }
  protected readonly done = signal<Registration | null>(null);
  protected readonly refusal = signal<string | null>(null);

  protected register(event: Event): void {
    event.preventDefault();
    this.form.markAllAsTouched();
    if (this.form.invalid || this.busy()) {
      return;
    }
    const { name, email } = this.form.getRawValue();
    this.busy.set(true);
    this.done.set(null);
    this.refusal.set(null);
    this.api.register(this.eventId(), name.trim(), email.trim()).subscribe({
      next: (registration) => this.finish(() => this.done.set(registration)),
      // A 401 (sign-in only) has already been sent to the sign-in page by the interceptor.
      error: (problem: Problem) => this.finish(() => this.refusal.set(registrationMessage(problem))),
    });
  }

  private finish(show: () => void): void {
    this.busy.set(false);
    show();
    this.answered.emit();
    afterNextRender(() => this.message().nativeElement.focus(), { injector: this.injector });
  }
}

function notBlank(control: AbstractControl<string>): { blank: true } | null {
  return control.value.trim() ? null : { blank: true };
}
