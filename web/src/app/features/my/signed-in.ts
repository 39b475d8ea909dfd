import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';

import { AuthState } from '../../core/auth';

/** Pages of one's own: a visitor who is not signed in is sent to sign in, then back. */
export const signedIn: CanActivateFn = (_route, state) =>
  inject(AuthState).signedIn() ||
  inject(Router).createUrlTree(['/login'], { queryParams: { next: state.url } });
