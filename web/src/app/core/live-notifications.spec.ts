import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';

import { AuthState } from './auth';
import { LiveNotifications, SOCKET_FACTORY, notificationsUrl } from './live-notifications';
import { SocketLike } from './notification-socket';

class FakeSocket {
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  readonly sent: string[] = [];
  closed = false;
  send(data: string): void {
    this.sent.push(data);
  }
  close(): void {
    this.closed = true;
  }
  says(message: object): void {
    this.onmessage?.call(this as unknown as WebSocket, { data: JSON.stringify(message) } as MessageEvent);
  }
}

describe('LiveNotifications', () => {
  let sockets: FakeSocket[];
  let http: HttpTestingController;

  beforeEach(() => {
    sessionStorage.clear();
    localStorage.clear();
    sockets = [];
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        {
          provide: SOCKET_FACTORY,
          useValue: () => {
            const socket = new FakeSocket();
            sockets.push(socket);
            return socket as unknown as SocketLike;
          },
        },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  it('connects once signed in, toasts live news, counts unread, and closes on sign out', () => {
    const live = TestBed.inject(LiveNotifications);
    TestBed.tick();
    expect(sockets).toEqual([]);

    TestBed.inject(AuthState).signIn('tok', 1800);
    TestBed.tick();
    expect(sockets.length).toBe(1);
    sockets[0].onopen?.call(sockets[0] as unknown as WebSocket, new Event('open'));
    expect(JSON.parse(sockets[0].sent[0])).toEqual({ type: 'auth', token: 'tok' });

    sockets[0].says({ type: 'ready', user_id: 'u', replayed: 0 });
    http.expectOne((r) => r.url === '/notifications' && r.params.get('unread') === 'true').flush({
      items: [], page: 1, size: 1, total: 2,
    });
    expect(live.unread()).toBe(2);

    const news = {
      id: 3,
      notification_type: 'event.updated',
      event: { id: 'e1', title: 'Jazz at Dusk', action: 'updated', timestamp: '2026-12-01T10:00:00Z' },
      user: 'priya',
    };
    sockets[0].says({ type: 'notification', ...news });
    expect(live.toast()).toEqual(news);
    http.expectOne((r) => r.url === '/notifications').flush({ items: [], page: 1, size: 1, total: 3 });
    expect(live.unread()).toBe(3);

    TestBed.inject(AuthState).signOut();
    TestBed.tick();
    expect(sockets[0].closed).toBe(true);
    expect(live.unread()).toBe(0);
    expect(live.toast()).toBeNull();
    expect(sessionStorage.getItem('boxoffice.notifications.last-id')).toBeNull();
    http.verify();
  });

  it('uses the page’s own origin, wss under https', () => {
    expect(notificationsUrl({ protocol: 'https:', host: 'tickets.example.com' })).toBe(
      'wss://tickets.example.com/ws/notifications',
    );
    expect(notificationsUrl({ protocol: 'http:', host: '127.0.0.1:8000' })).toBe('ws://127.0.0.1:8000/ws/notifications');
  });
});
