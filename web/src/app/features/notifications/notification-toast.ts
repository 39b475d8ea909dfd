import { Component, effect, inject } from '@angular/core';
import { RouterLink } from '@angular/router';

import { LiveNotifications } from '../../core/live-notifications';
import { describeNotification } from './notification-text';

const SHOWN_MS = 10_000;

/** The newest live notification, announced politely; it goes by itself after a while. */
@Component({
  selector: 'bo-notification-toast',
  imports: [RouterLink],
  template: `
    <div class="toast-region" aria-live="polite" aria-atomic="true">
      @if (live.toast(); as toast) {
        <div class="toast card" role="status">
          <p>
            {{ text(toast) }}
            @if (toast.event.action !== 'deleted') {
              <a [routerLink]="['/events', toast.event.id]" (click)="live.dismiss()">See the event</a>
            }
          </p>
          <button type="button" class="secondary" (click)="live.dismiss()">Dismiss</button>
        </div>
      }
    </div>
  `,
  styles: `
    .toast-region {
      position: fixed;
      right: 1rem;
      bottom: 1rem;
      left: 1rem;
      display: flex;
      justify-content: flex-end;
      pointer-events: none;
      z-index: 10;
    }
    .toast {
      pointer-events: auto;
      max-width: 24rem;
      display: flex;
      gap: 0.75rem;
      align-items: center;
      box-shadow: 0 0.3rem 1.2rem rgb(0 0 0 / 0.25);
    }
    p {
      margin: 0;
      overflow-wrap: anywhere;
    }
  `,
})
export class NotificationToast {
  protected readonly live = inject(LiveNotifications);
  protected readonly text = describeNotification;

  constructor() {
    effect((onCleanup) => {
      if (this.live.toast()) {
        const timer = setTimeout(() => this.live.dismiss(), SHOWN_MS);
        onCleanup(() => clearTimeout(timer));
      }
    });
  }
}
