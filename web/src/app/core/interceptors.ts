import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';

import { AuthState } from './auth';
import { toProblem } from './problem';

/** Adds the bearer token to calls of our own API, never to other origins. */
export const bearerToken: HttpInterceptorFn = (request, next) => {
  const token = inject(AuthState).token();
  if (!token || /^https?:\/\//.test(request.url)) {
    return next(request);
  }
  return next(request.clone({ setHeaders: { Authorization: `Bearer ${token}` } }));
};

/** A 401 forgets the token and sends the user to sign in, then back where they were. */
export const signInOnUnauthorized: HttpInterceptorFn = (request, next) => {
  const auth = inject(AuthState);
  const router = inject(Router);
  return next(request).pipe(
    catchError((error: unknown) => {
      if (error instanceof HttpErrorResponse && error.status === 401 && !request.url.endsWith('/auth/login')) {
        auth.signOut();
        void router.navigate(['/login'], { queryParams: { next: router.url } });
      }
      return throwError(() => error);
    }),
  );
};

/** Turns every failed call into one Problem, so pages show title and detail alike. */
export const problems: HttpInterceptorFn = (request, next) =>
  next(request).pipe(catchError((error: unknown) => throwError(() => toProblem(error))));
