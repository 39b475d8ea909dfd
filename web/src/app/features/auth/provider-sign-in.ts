import { Component, OnInit, inject, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';

import { AuthState } from '../../core/auth';
import { safeNext } from './login-page';

const NEXT_KEY = 'boxoffice.sign-in-next';

/** Kept in this tab only, so the provider's round trip cannot choose where we land. */
export function rememberNext(next: string, storage: Storage = sessionStorage): void {
  storage.setItem(NEXT_KEY, safeNext(next));
}

export function takeNext(storage: Storage = sessionStorage): string {
  const next = storage.getItem(NEXT_KEY) ?? '/';
  storage.removeItem(NEXT_KEY);
  return safeNext(next);
}

export interface FragmentToken {
  readonly token: string;
  readonly expiresIn: number;
}

/** `#access_token=...&token_type=bearer&expires_in=1800`, as the API's callback redirects. */
export function tokenFromFragment(fragment: string): FragmentToken | null {
  const params = new URLSearchParams(fragment.replace(/^#/, ''));
  const token = params.get('access_token');
  const expiresIn = Number(params.get('expires_in'));
  if (!token || params.get('token_type')?.toLowerCase() !== 'bearer' || !(expiresIn > 0)) {
    return null;
  }
  return { token, expiresIn };
}

/** Why the API's callback sent the browser back without a token (`#error=...`), if it said. */
export function refusalFromFragment(fragment: string): string | null {
  const params = new URLSearchParams(fragment.replace(/^#/, ''));
  return params.get('error') ? (params.get('error_description') ?? '').slice(0, 300) : null;
}

/** `/ui/auth/callback`: where the identity provider's sign-in comes back with our token. */
@Component({
  selector: 'bo-provider-callback',
  imports: [RouterLink],
  template: `
    <main>
      <div class="card" role="alert">
        @if (failed()) {
          <h1>Sign-in did not complete</h1>
          @if (reason()) {
            <p>The reason given: {{ reason() }}.</p>
          } @else {
            <p>The identity provider did not send a usable token back.</p>
          }
          <p>Please try again.</p>
          <p><a routerLink="/login">Back to sign in</a></p>
        } @else {
          <h1>Signing you in…</h1>
        }
      </div>
    </main>
  `,
})
export class ProviderCallback implements OnInit {
  private readonly auth = inject(AuthState);
  private readonly router = inject(Router);
  protected readonly failed = signal(false);
  protected readonly reason = signal('');

  ngOnInit(): void {
    const fragment = window.location.hash;
    const found = tokenFromFragment(fragment);
    // The token must not stay in the address bar, the history or a shared link.
    history.replaceState(history.state, '', window.location.pathname + window.location.search);
    if (!found) {
      this.reason.set(refusalFromFragment(fragment) ?? '');
      this.failed.set(true);
      return;
    }
    this.auth.signIn(found.token, found.expiresIn);
    void this.router.navigateByUrl(takeNext(), { replaceUrl: true });
  }
}
