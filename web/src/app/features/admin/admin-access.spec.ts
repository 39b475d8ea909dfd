import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import {
  ActivatedRouteSnapshot,
  RedirectCommand,
  Router,
  RouterStateSnapshot,
  provideRouter,
} from '@angular/router';
import { Observable, firstValueFrom } from 'rxjs';

import { AuthState } from '../../core/auth';
import { bearerToken, problems } from '../../core/interceptors';
import { AdminAccess, adminOnly } from './admin-access';

describe('adminOnly', () => {
  let http: HttpTestingController;
  let auth: AuthState;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([bearerToken, problems])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    auth = TestBed.inject(AuthState);
  });

  function guard(url: string): Promise<boolean | RedirectCommand> {
    const state = { url } as RouterStateSnapshot;
    const answer = TestBed.runInInjectionContext(() => adminOnly({} as ActivatedRouteSnapshot, state));
    return firstValueFrom(answer as Observable<boolean | RedirectCommand>);
  }

  function answerMe(role: 'admin' | 'customer'): void {
    const request = http.expectOne('/auth/me');
    expect(request.request.headers.get('Authorization')).toBe('Bearer t0ken');
    request.flush({ id: 'u1', username: 'someone', email: 'someone@example.com', role });
  }

  it('sends nobody signed in to sign in, then back', async () => {
    const decision = await guard('/admin/events/new');
    const router = TestBed.inject(Router);
    expect(decision).toBeInstanceOf(RedirectCommand);
    expect(router.serializeUrl((decision as RedirectCommand).redirectTo)).toBe('/login?next=%2Fadmin%2Fevents%2Fnew');
  });

  it('lets an admin in', async () => {
    auth.signIn('t0ken', 1800);
    const decision = guard('/admin');
    answerMe('admin');
    expect(await decision).toBe(true);
  });

  it('shows a customer the admins-only page, keeping the address asked for', async () => {
    auth.signIn('t0ken', 1800);
    const decision = guard('/admin');
    answerMe('customer');
    const redirect = (await decision) as RedirectCommand;
    expect(TestBed.inject(Router).serializeUrl(redirect.redirectTo)).toBe('/admins-only');
    expect(redirect.navigationBehaviorOptions?.browserUrl).toBe('/admin');
  });

  it('lets the page open when the role cannot be asked, and asks again next time', async () => {
    auth.signIn('t0ken', 1800);
    const decision = guard('/admin');
    http.expectOne('/auth/me').error(new ProgressEvent('error'), { status: 0 });
    expect(await decision).toBe(true);

    const again = guard('/admin');
    answerMe('customer');
    expect(await again).toBeInstanceOf(RedirectCommand);
  });

  it('asks the server once per token, and again for a new one', async () => {
    auth.signIn('t0ken', 1800);
    const first = guard('/admin');
    answerMe('admin');
    await first;
    expect(await guard('/admin/events/new')).toBe(true);
    http.expectNone('/auth/me');

    auth.signIn('other', 1800);
    const again = guard('/admin');
    const request = http.expectOne('/auth/me');
    expect(request.request.headers.get('Authorization')).toBe('Bearer other');
    request.flush({ id: 'u2', username: 'p', email: 'p@example.com', role: 'customer' });
    expect(await again).toBeInstanceOf(RedirectCommand);
  });

  it('offers the Admin link only while an admin is signed in', async () => {
    const access = TestBed.inject(AdminAccess);
    auth.signIn('t0ken', 1800);
    const decision = guard('/admin');
    answerMe('admin');
    await decision;
    expect(access.isAdmin()).toBe(true);
    auth.signOut();
    expect(access.isAdmin()).toBe(false);
  });
});
