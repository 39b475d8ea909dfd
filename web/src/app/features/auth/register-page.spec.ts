import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';

import { AuthState } from '../../core/auth';
import { problems } from '../../core/interceptors';
import { Problem } from '../../core/problem';
import { RegisterPage, fieldErrors } from './register-page';

describe('RegisterPage', () => {
  let http: HttpTestingController;

  function render() {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(withInterceptors([problems])), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(RegisterPage);
    fixture.componentRef.setInput('next', '/events/7');
    fixture.detectChanges();
    return fixture;
  }

  function type(element: HTMLElement, id: string, value: string) {
    const input = element.querySelector<HTMLInputElement>(`#${id}`)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  afterEach(() => {
    http.verify();
    TestBed.inject(AuthState).signOut();
  });

  it('ticks the password rules off as they are met', () => {
    const fixture = render();
    const element = fixture.nativeElement as HTMLElement;
    type(element, 'register-password', 'abcdefgh1');
    fixture.detectChanges();

    const met = [...element.querySelectorAll('#register-password-rules li.met')].map((li) => li.textContent?.trim());
    expect(met.length).toBe(3);
    expect(met.join()).toContain('At least 8 characters');
    expect(met.join()).toContain('A digit');
    expect(element.querySelector('#register-password-rules')?.getAttribute('aria-live')).toBe('polite');
  });

  it('sends nothing while a field breaks the rules', () => {
    const fixture = render();
    const element = fixture.nativeElement as HTMLElement;
    type(element, 'register-email', 'meera@example.com');
    type(element, 'register-username', 'no spaces');
    type(element, 'register-password', 'Str0ng!pass');
    element.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    fixture.detectChanges();

    http.expectNone('/auth/register');
    expect(element.querySelector('#register-username-error')?.textContent).toContain('3-50 letters');
  });

  it('signs in after signing up and goes back where the user came from', async () => {
    const fixture = render();
    const element = fixture.nativeElement as HTMLElement;
    const router = TestBed.inject(Router);
    const went = vi.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
    type(element, 'register-email', 'meera@example.com');
    type(element, 'register-username', 'meera_s');
    type(element, 'register-password', 'Str0ng!pass');
    element.querySelector<HTMLButtonElement>('button[type=submit]')!.click();

    const signUp = http.expectOne('/auth/register');
    expect(signUp.request.body).toEqual({ email: 'meera@example.com', username: 'meera_s', password: 'Str0ng!pass' });
    signUp.flush({});
    const login = http.expectOne('/auth/login');
    expect(login.request.body).toEqual({ login: 'meera_s', password: 'Str0ng!pass' });
    login.flush({ access_token: 'tok', token_type: 'bearer', expires_in: 1800 });

    expect(TestBed.inject(AuthState).token()).toBe('tok');
    expect(went).toHaveBeenCalledWith('/events/7');
  });

  it('shows the server’s refusal beside the field it names', async () => {
    const fixture = render();
    const element = fixture.nativeElement as HTMLElement;
    type(element, 'register-email', 'meera@example.com');
    type(element, 'register-username', 'priya');
    type(element, 'register-password', 'Str0ng!pass');
    element.querySelector<HTMLButtonElement>('button[type=submit]')!.click();

    http.expectOne('/auth/register').flush(
      { title: 'Conflict', detail: 'this username is taken', errors: [{ field: 'username', message: 'this username is taken' }] },
      { status: 409, statusText: 'Conflict' },
    );
    fixture.detectChanges();

    expect(element.querySelector('#register-username-error')?.textContent).toContain('this username is taken');
    expect(element.querySelector('#register-username')?.getAttribute('aria-invalid')).toBe('true');
    expect(element.querySelector('#register-email')?.getAttribute('aria-invalid')).toBe('false');
  });
});

describe('fieldErrors', () => {
  it('keeps the first message for each field the form has', () => {
    const problem = new Problem(400, 'Invalid request', '', {
      errors: [
        { field: 'password', message: 'needs a digit' },
        { field: 'password', message: 'second' },
        { field: 'role', message: 'unknown field' },
      ],
    });
    expect(fieldErrors(problem)).toEqual({ password: 'needs a digit' });
  });
});
