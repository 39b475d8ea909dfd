import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';

import { EventView } from '../../core/api-types';
import { problems } from '../../core/interceptors';
import { EventToggles } from './event-toggles';

const EVENT = { id: 'e1', title: 'Indie Night', saved: false, subscribed: true } as EventView;

describe('EventToggles', () => {
  function render() {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(withInterceptors([problems])), provideHttpClientTesting()],
    });
    const fixture = TestBed.createComponent(EventToggles);
    fixture.componentRef.setInput('event', EVENT);
    fixture.detectChanges();
    const button = (name: string) =>
      [...(fixture.nativeElement as HTMLElement).querySelectorAll('button')].find((b) => b.textContent!.trim() === name);
    return { fixture, button, http: TestBed.inject(HttpTestingController) };
  }

  it('starts from what the event says and marks each state with aria-pressed', () => {
    const { button } = render();
    expect(button('Save')?.getAttribute('aria-pressed')).toBe('false');
    expect(button('Subscribed')?.getAttribute('aria-pressed')).toBe('true');
  });

  it('saves, then shows Saved, pressed', async () => {
    const { fixture, button, http } = render();
    button('Save')!.click();
    const request = http.expectOne('/events/e1/save');
    expect(request.request.method).toBe('POST');
    await fixture.whenStable();
    expect(button('Saved')).toBeUndefined(); // not before the API said so
    request.flush({}, { status: 201, statusText: 'Created' });
    await fixture.whenStable();
    expect(button('Saved')?.getAttribute('aria-pressed')).toBe('true');
  });

  it('keeps the state and says why when the API refuses', async () => {
    const { fixture, button, http } = render();
    button('Subscribed')!.click();
    http.expectOne('/events/e1/subscribe').flush(
      { title: 'Event not found', detail: 'no such event', status: 404 },
      { status: 404, statusText: 'Not Found' },
    );
    await fixture.whenStable();
    expect(button('Subscribed')?.getAttribute('aria-pressed')).toBe('true');
    expect((fixture.nativeElement as HTMLElement).querySelector('[role=alert]')?.textContent).toContain(
      'Event not found: no such event',
    );
  });
});
