import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';

import { NotificationItem, Page } from '../../core/api-types';
import { problems } from '../../core/interceptors';
import { SOCKET_FACTORY } from '../../core/live-notifications';
import { NOTIFICATIONS_PAGE_SIZE, NotificationsPage } from './notifications-page';

function item(id: number, read: boolean): NotificationItem {
  return {
    id,
    notification_type: 'event.updated',
    event: { id: `e${id}`, title: `Event ${id}`, action: 'updated', timestamp: '2026-12-01T10:00:00Z' },
    user: 'priya',
    read,
  };
}

function page(items: NotificationItem[], total = items.length, number = 1): Page<NotificationItem> {
  return { items, page: number, size: NOTIFICATIONS_PAGE_SIZE, total };
}

async function settle(fixture: { detectChanges(): void }) {
  for (let i = 0; i < 5; i++) {
    await new Promise((resolve) => setTimeout(resolve));
    fixture.detectChanges();
  }
}

describe('NotificationsPage', () => {
  let http: HttpTestingController;

  function render(pageNumber = 1) {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([problems])),
        provideHttpClientTesting(),
        { provide: SOCKET_FACTORY, useValue: () => ({ send() {}, close() {} }) },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(NotificationsPage);
    fixture.componentRef.setInput('page', pageNumber);
    fixture.detectChanges();
    return fixture;
  }

  function history() {
    return http.expectOne((r) => r.url === '/notifications' && !r.params.has('unread'));
  }

  function button(element: HTMLElement, name: string): HTMLButtonElement {
    return [...element.querySelectorAll('button')].find((b) => b.textContent?.trim() === name)!;
  }

  afterEach(() => http.verify());

  it('marks the unread ones and lets one be marked read', async () => {
    const fixture = render();
    history().flush(page([item(2, false), item(1, true)]));
    await settle(fixture);
    const element = fixture.nativeElement as HTMLElement;
    const rows = element.querySelectorAll('li');
    expect(rows[0].textContent).toContain('Unread');
    expect(rows[1].textContent).not.toContain('Unread');
    expect(element.querySelectorAll('li button').length).toBe(1);

    button(element, 'Mark read').click();
    http.expectOne({ method: 'POST', url: '/notifications/2/read' }).flush(null, { status: 204, statusText: 'No Content' });
    await settle(fixture);
    history().flush(page([item(2, true), item(1, true)]));
    await settle(fixture);

    expect(element.textContent).not.toContain('Unread');
    expect(button(element, 'Mark all read').disabled).toBe(true);
  });

  it('marks everything read at once', async () => {
    const fixture = render();
    history().flush(page([item(2, false), item(1, false)]));
    await settle(fixture);
    const element = fixture.nativeElement as HTMLElement;

    button(element, 'Mark all read').click();
    http.expectOne({ method: 'POST', url: '/notifications/read-all' }).flush(null, { status: 204, statusText: 'No Content' });
    await settle(fixture);
    history().flush(page([item(2, true), item(1, true)]));
    await settle(fixture);

    expect(element.textContent).not.toContain('Unread');
  });

  it('asks for the page in the address and offers the next one', async () => {
    const fixture = render(2);
    const request = history();
    expect(request.request.params.get('page')).toBe('2');
    request.flush(page([item(1, true)], NOTIFICATIONS_PAGE_SIZE * 2 + 1, 2));
    await settle(fixture);
    const element = fixture.nativeElement as HTMLElement;
    expect(element.textContent).toContain('Page 2 of 3');

    const router = TestBed.inject(Router);
    const went = vi.spyOn(router, 'navigate').mockResolvedValue(true);
    button(element, 'Next page').click();
    expect(went).toHaveBeenCalledWith([], { queryParams: { page: 3 } });
  });

  it('says when there is nothing yet, and offers a retry when the server is unreachable', async () => {
    const fixture = render();
    history().error(new ProgressEvent('error'), { status: 0, statusText: '' });
    await settle(fixture);
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('[role=alert]')?.textContent).toContain('No connection');

    button(element, 'Retry').click();
    await settle(fixture);
    history().flush(page([]));
    await settle(fixture);
    expect(element.textContent).toContain('No notifications yet');
  });
});
