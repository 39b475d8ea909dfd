import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';

import { problems } from '../../core/interceptors';
import { EventForm } from './event-form';

describe('EventForm', () => {
  let http: HttpTestingController;

  function open(id?: string) {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(withInterceptors([problems])), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const fixture = TestBed.createComponent(EventForm);
    if (id) {
      fixture.componentRef.setInput('id', id);
    }
    fixture.detectChanges();
    return fixture;
  }

  function fill(element: HTMLElement, values: Record<string, string>): void {
    for (const [id, value] of Object.entries(values)) {
      const input = element.querySelector<HTMLInputElement>(`#${id}`)!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    }
  }

  function submit(element: HTMLElement): void {
    element.querySelector('form')!.dispatchEvent(new Event('submit'));
  }

  const valid = {
    title: 'Indie Night',
    location: 'NSCI Dome',
    start: '2099-12-20T19:30',
    end: '2099-12-20T22:00',
    capacity: '100',
  };

  afterEach(() => http.verify());

  it('sends nothing while a field is wrong, and says which, next to it', () => {
    const fixture = open();
    const element: HTMLElement = fixture.nativeElement;
    fill(element, { ...valid, end: '2099-12-20T18:00' });
    submit(element);
    fixture.detectChanges();

    const end = element.querySelector('#end')!;
    expect(end.getAttribute('aria-invalid')).toBe('true');
    expect(end.getAttribute('aria-describedby')).toBe('end-help end-error');
    expect(element.querySelector('#end-error')?.textContent).toContain('The end must be after the start.');
    expect(document.activeElement).toBe(end);
    http.expectNone('/events');
  });

  it('creates the event with the times in the chosen zone’s offset', () => {
    const fixture = open();
    fill(fixture.nativeElement, valid);
    submit(fixture.nativeElement);

    const request = http.expectOne('/events');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toMatchObject({
      title: 'Indie Night',
      start_time: '2099-12-20T19:30:00+05:30',
      end_time: '2099-12-20T22:00:00+05:30',
      timezone: 'Asia/Kolkata',
      capacity: 100,
      price: '0.00',
      currency: 'INR',
    });
    request.flush({ id: 'e1' });
  });

  it('shows the server’s refusal next to the field it names', () => {
    const fixture = open();
    const element: HTMLElement = fixture.nativeElement;
    fill(element, valid);
    submit(element);
    http.expectOne('/events').flush(
      { title: 'Invalid value', detail: 'must not be in the past', errors: [{ field: 'start_time', message: 'must not be in the past' }] },
      { status: 422, statusText: 'Unprocessable Content' },
    );
    fixture.detectChanges();

    expect(element.querySelector('#start')?.getAttribute('aria-invalid')).toBe('true');
    expect(element.querySelector('#start-error')?.textContent).toContain('must not be in the past');
  });

  it('edits by sending only what changed', async () => {
    const fixture = open('e1');
    http.expectOne('/events/e1').flush({
      id: 'e1',
      title: 'Indie Night',
      description: '',
      location: 'NSCI Dome',
      city: 'Mumbai',
      start_time: '2099-12-20T19:30:00+05:30',
      end_time: '2099-12-20T22:00:00+05:30',
      timezone: 'Asia/Kolkata',
      capacity: 100,
      price: '499.00',
      currency: 'INR',
      tags: ['music'],
      registration_requires_sign_in: false,
    });
    await fixture.whenStable();
    fixture.detectChanges();
    const element: HTMLElement = fixture.nativeElement;
    expect(element.querySelector<HTMLInputElement>('#start')?.value).toBe('2099-12-20T19:30');

    fill(element, { capacity: '120' });
    submit(element);

    const request = http.expectOne('/events/e1');
    expect(request.request.method).toBe('PATCH');
    expect(request.request.body).toEqual({ capacity: 120 });
    request.flush({ id: 'e1' });
  });
});
