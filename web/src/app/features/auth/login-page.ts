import { Component, inject, input, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { catchError, of } from 'rxjs';

import { ApiClient } from '../../core/api-client';
import { AuthState } from '../../core/auth';
import { Problem } from '../../core/problem';
import { SignInProvider } from '../../core/api-types';
import { rememberNext } from './provider-sign-in';

@Component({
  selector: 'bo-login-page',
  imports: [ReactiveFormsModule, RouterLink],
  template: `
    <main>
      <form class="card" [formGroup]="form" (ngSubmit)="signIn()">
        <h1>Sign in</h1>
        <div class="field">
          <label for="login">Username or email</label>
          <input id="login" formControlName="login" autocomplete="username" required />
        </div>
        <div class="field">
          <label for="password">Password</label>
          <input id="password" type="password" formControlName="password"
            autocomplete="current-password" required />
        </div>
        @if (problem(); as problem) {
          <p class="error" role="alert">{{ problem.title }}: {{ problem.detail }}</p>
        }
        <button type="submit" [disabled]="busy()">Sign in</button>
        @for (provider of providers(); track provider.id) {
          <button type="button" class="secondary" (click)="signInWith(provider)">
            Sign in with {{ provider.name }}
          </button>
        }
        <p>New here? <a routerLink="/register" [queryParams]="{ next: next() }">Create an account</a></p>
      </form>
    </main>
  `,
  styles: `
    form {
      max-width: 24rem;
      margin: 2rem auto;
      display: flex;
      flex-direction: column;
      gap: 0.75rem;
    }
    p {
      margin: 0;
    }
  `,
})
export class LoginPage {
  /** Where to go back to after signing in (a path inside the UI). */
  readonly next = input<string>('/');

  private readonly api = inject(ApiClient);
  private readonly auth = inject(AuthState);
  private readonly router = inject(Router);
  protected readonly form = new FormGroup({
    login: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    password: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });
  protected readonly busy = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  /** Identity providers to offer; none when the API cannot say (a password still works). */
  protected readonly providers = toSignal(
    this.api.signInProviders().pipe(catchError(() => of([] as readonly SignInProvider[]))),
    { initialValue: [] as readonly SignInProvider[] },
  );

  /** Leaves for the provider; `next` waits in this tab until the callback page comes back. */
  protected signInWith(provider: SignInProvider): void {
    rememberNext(safeNext(this.next()));
    window.location.assign(provider.login_url);
  }

  protected signIn(): void {
    if (this.form.invalid || this.busy()) {
      this.form.markAllAsTouched();
      return;
    }
    const { login, password } = this.form.getRawValue();
    this.busy.set(true);
    this.problem.set(null);
    this.api.login(login.trim(), password).subscribe({
      next: (answer) => {
        this.auth.signIn(answer.access_token, answer.expires_in);
        void this.router.navigateByUrl(safeNext(this.next()));
      },
      error: (problem: Problem) => {
        this.busy.set(false);
        this.problem.set(problem);
      },
    });
  }
}

/** Only paths inside the UI, so a crafted link cannot send the user elsewhere after sign-in. */
export function safeNext(next: string | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}
