import { Injectable, InjectionToken, effect, inject, signal, untracked } from '@angular/core';

import { ApiClient } from './api-client';
import { AuthState } from './auth';
import { NotificationSocket, PushedNotification, SocketFactory } from './notification-socket';

export const SOCKET_FACTORY = new InjectionToken<SocketFactory>('how to open a WebSocket', {
  providedIn: 'root',
  factory: () => (url: string) => new WebSocket(url),
});

/** Same origin as the page: the embedded notification routes sit beside the API. */
export function notificationsUrl(location: Pick<Location, 'protocol' | 'host'> = window.location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws/notifications`;
}

/**
 * While someone is signed in: the live socket, the newest notification (the toast) and the
 * unread count (the badge). The count is the server's, asked again after every change.
 */
@Injectable({ providedIn: 'root' })
export class LiveNotifications {
  private readonly api = inject(ApiClient);
  private readonly auth = inject(AuthState);
  readonly toast = signal<PushedNotification | null>(null);
  readonly unread = signal(0);

  private readonly socket = new NotificationSocket(
    notificationsUrl(),
    inject(SOCKET_FACTORY),
    {
      notification: (notification, replayed) => {
        if (!replayed) {
          this.toast.set(notification);
        }
        this.refreshUnread();
      },
      ready: () => this.refreshUnread(),
      // An expired or refused token: the user is signed out, as a 401 would have done.
      unauthorized: () => this.auth.signOut(),
    },
    sessionStorage,
  );
  private signedInBefore = false;

  constructor() {
    effect(() => {
      const token = this.auth.token();
      untracked(() => this.follow(token));
    });
  }

  refreshUnread(): void {
    if (!this.auth.signedIn()) {
      return;
    }
    this.api.notifications(1, 1, true).subscribe({
      next: (page) => this.unread.set(page.total),
      error: () => undefined, // the badge keeps its last figure; the next change asks again
    });
  }

  dismiss(): void {
    this.toast.set(null);
  }

  private follow(token: string | null): void {
    if (token) {
      this.signedInBefore = true;
      this.socket.start(token);
      return;
    }
    this.socket.stop(this.signedInBefore);
    this.toast.set(null);
    this.unread.set(0);
  }
}
