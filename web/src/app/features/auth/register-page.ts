import { Component, computed, inject, input, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { switchMap } from 'rxjs';

import { ApiClient } from '../../core/api-client';
import { AuthState } from '../../core/auth';
import { Problem, toProblem } from '../../core/problem';
import { safeNext } from './login-page';
import { USERNAME_PATTERN, passwordChecklist, strongPassword } from './password-rules';

type Field = 'email' | 'username' | 'password' | 'full_name' | 'phone';
const FIELDS: readonly Field[] = ['email', 'username', 'password', 'full_name', 'phone'];

@Component({
  selector: 'bo-register-page',
  imports: [ReactiveFormsModule, RouterLink],
  templateUrl: './register-page.html',
  styles: `
    form {
      max-width: 28rem;
      margin: 2rem auto;
      display: flex;
      flex-direction: column;
      gap: 0.75rem;
    }
    p {
      margin: 0;
    }
    .rules {
      margin: 0;
      padding-left: 0;
      list-style: none;
      font-size: 0.9rem;
    }
    .rules .met {
      color: var(--ok);
    }
    .error:empty {
      display: none;
    }
  `,
})
export class RegisterPage {
  /** Where to go back to once signed in (a path inside the UI). */
  readonly next = input<string>('/');

  private readonly api = inject(ApiClient);
  private readonly auth = inject(AuthState);
  private readonly router = inject(Router);
  protected readonly form = new FormGroup({
    email: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.email] }),
    username: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(USERNAME_PATTERN)],
    }),
    password: new FormControl('', { nonNullable: true, validators: [strongPassword] }),
    full_name: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(100)] }),
    phone: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(20)] }),
  });
  private readonly password = toSignal(this.form.controls.password.valueChanges, { initialValue: '' });
  protected readonly checklist = computed(() => passwordChecklist(this.password()));
  protected readonly busy = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  /** The server's per-field messages, from problem+json `errors`. */
  protected readonly serverErrors = signal<Partial<Record<Field, string>>>({});

  protected invalid(field: Field): boolean {
    const control = this.form.controls[field];
    return (control.invalid && control.touched) || !!this.serverErrors()[field];
  }

  protected register(): void {
    if (this.form.invalid || this.busy()) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    const account = {
      email: value.email.trim(),
      username: value.username,
      password: value.password,
      ...(value.full_name.trim() ? { full_name: value.full_name.trim() } : {}),
      ...(value.phone.trim() ? { phone: value.phone.trim() } : {}),
    };
    this.busy.set(true);
    this.problem.set(null);
    this.serverErrors.set({});
    this.api
      .signUp(account)
      .pipe(switchMap(() => this.api.login(account.username, account.password)))
      .subscribe({
        next: (answer) => {
          this.auth.signIn(answer.access_token, answer.expires_in);
          void this.router.navigateByUrl(safeNext(this.next()));
        },
        error: (error: unknown) => {
          const problem = toProblem(error);
          this.busy.set(false);
          const byField = fieldErrors(problem);
          this.serverErrors.set(byField);
          const first = FIELDS.find((field) => byField[field]);
          if (first) {
            document.getElementById(`register-${first.replace('_', '-')}`)?.focus();
          } else {
            this.problem.set(problem);
          }
        },
      });
  }

  /** Typing again in a field the server refused clears its message. */
  protected edited(field: Field): void {
    if (this.serverErrors()[field]) {
      this.serverErrors.update((errors) => ({ ...errors, [field]: undefined }));
    }
  }
}

/** The problem's `errors`, one message per field the form knows. */
export function fieldErrors(problem: Problem): Partial<Record<Field, string>> {
  const found: Partial<Record<Field, string>> = {};
  for (const error of problem.body.errors ?? []) {
    const field = FIELDS.find((known) => known === error.field);
    if (field && !found[field]) {
      found[field] = error.message;
    }
  }
  return found;
}
