import { Injectable, computed, effect, inject, signal, untracked } from '@angular/core';
import { CanActivateChildFn, RedirectCommand, Router } from '@angular/router';
import { Observable, catchError, map, of, shareReplay, tap } from 'rxjs';

import { ApiClient } from '../../core/api-client';
import { Role } from '../../core/api-types';
import { AuthState } from '../../core/auth';

interface KnownRole {
  readonly token: string;
  readonly role: Role;
}

/** The signed-in user's role, asked of `GET /auth/me` once per token. */
@Injectable({ providedIn: 'root' })
export class AdminAccess {
  private readonly api = inject(ApiClient);
  private readonly auth = inject(AuthState);
  private readonly known = signal<KnownRole | null>(null);
  private asking: { readonly token: string; readonly answer: Observable<Role> } | null = null;

  /** Whether to show admin links: only once the server said so for the current token. */
  readonly isAdmin = computed(() => {
    const known = this.known();
    return known !== null && known.token === this.auth.token() && known.role === 'admin';
  });

  constructor() {
    // Learn the role as soon as someone signs in, so the header can offer `Admin`.
    effect(() => {
      if (this.auth.token()) {
        untracked(() => this.role().subscribe({ error: () => undefined }));
      }
    });
  }

  /** The role for the current token, or null when nobody is signed in. */
  role(): Observable<Role | null> {
    const token = this.auth.token();
    if (!token) {
      return of(null);
    }
    const known = this.known();
    if (known?.token === token) {
      return of(known.role);
    }
    if (this.asking?.token !== token) {
      const answer = this.api.me().pipe(
        map((me) => me.role),
        tap((role) => this.known.set({ token, role })),
        shareReplay({ bufferSize: 1, refCount: false }),
      );
      this.asking = { token, answer };
    }
    return this.asking.answer;
  }
}

/**
 * `/admin/**`: an admin goes on; nobody signed in is sent to sign in and back; anyone else
 * sees the "Admins only" page, with the address they asked for kept in the address bar.
 */
export const adminOnly: CanActivateChildFn = (_route, state) => {
  const router = inject(Router);
  return inject(AdminAccess)
    .role()
    .pipe(
      map((role) => {
        if (role === 'admin') {
          return true;
        }
        if (role === null) {
          return new RedirectCommand(router.createUrlTree(['/login'], { queryParams: { next: state.url } }));
        }
        return new RedirectCommand(router.parseUrl('/admins-only'), { browserUrl: state.url });
      }),
      // Role unknown (the server could not be asked): the API still refuses non-admins, and
      // the page shows that answer with a way to try again.
      catchError(() => of(true)),
    );
};
