import { TestBed } from '@angular/core/testing';
import { ActivatedRouteSnapshot, RouterStateSnapshot, UrlTree, provideRouter } from '@angular/router';

import { AuthState } from '../../core/auth';
import { signedIn } from './signed-in';

describe('signedIn', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideRouter([])] });
  });

  function guard(url: string): boolean | UrlTree {
    const state = { url } as RouterStateSnapshot;
    return TestBed.runInInjectionContext(() => signedIn({} as ActivatedRouteSnapshot, state)) as boolean | UrlTree;
  }

  it('sends a visitor to sign in, then back to the page asked for', () => {
    const answer = guard('/my/bookings?page=2');
    expect(answer).toBeInstanceOf(UrlTree);
    expect((answer as UrlTree).toString()).toBe('/login?next=%2Fmy%2Fbookings%3Fpage%3D2');
  });

  it('lets a signed-in user in', () => {
    TestBed.inject(AuthState).signIn('token', 1800);
    expect(guard('/my/events')).toBe(true);
  });

  it('sends back to sign in once the token has expired', () => {
    TestBed.inject(AuthState).signIn('token', 1, Date.now() - 5000);
    expect(guard('/my/events')).toBeInstanceOf(UrlTree);
  });
});
