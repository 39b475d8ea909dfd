import { Component, computed, inject, input, numberAttribute, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import { Observable } from 'rxjs';

import { ApiClient } from '../../core/api-client';
import { NotificationItem } from '../../core/api-types';
import { LiveNotifications } from '../../core/live-notifications';
import { Problem, toProblem } from '../../core/problem';
import { ViewerZone, formatTime } from '../../core/time-zone';
import { describeNotification } from './notification-text';

export const NOTIFICATIONS_PAGE_SIZE = 20;

/** `/ui/notifications`: the history, newest first, with its unread marks. */
@Component({
  selector: 'bo-notifications-page',
  imports: [RouterLink],
  templateUrl: './notifications-page.html',
  styleUrl: './notifications-page.css',
})
export class NotificationsPage {
  /** `?page=`, so a reload or Back keeps the page. */
  readonly page = input(1, { transform: (value: unknown) => Math.max(1, numberAttribute(value, 1)) });

  private readonly api = inject(ApiClient);
  private readonly router = inject(Router);
  private readonly live = inject(LiveNotifications);
  private readonly viewer = inject(ViewerZone);
  protected readonly text = describeNotification;
  protected readonly when = (iso: string) => formatTime(iso, this.viewer.zone());

  protected readonly history = rxResource({
    params: () => ({ page: this.page(), seen: this.live.unread() }),
    stream: ({ params }) => this.api.notifications(params.page, NOTIFICATIONS_PAGE_SIZE),
  });
  protected readonly found = computed(() => (this.history.hasValue() ? this.history.value() : undefined));
  protected readonly problem = computed(() => {
    const error = this.history.error();
    return error ? toProblem(error) : null;
  });
  protected readonly pages = computed(() =>
    Math.max(1, Math.ceil((this.found()?.total ?? 0) / NOTIFICATIONS_PAGE_SIZE)),
  );
  protected readonly anyUnread = computed(() => this.live.unread() > 0 || !!this.found()?.items.some((n) => !n.read));
  protected readonly busy = signal(false);
  protected readonly actionProblem = signal<Problem | null>(null);

  protected markRead(item: NotificationItem): void {
    this.act(this.api.markNotificationRead(item.id));
  }

  protected markAllRead(): void {
    this.act(this.api.markAllNotificationsRead());
  }

  protected turn(by: number): void {
    const page = Math.min(this.pages(), Math.max(1, this.page() + by));
    void this.router.navigate([], { queryParams: { page: page === 1 ? null : page } });
  }

  private act(call: Observable<void>): void {
    this.busy.set(true);
    this.actionProblem.set(null);
    call.subscribe({
      next: () => {
        this.busy.set(false);
        this.history.reload();
        this.live.refreshUnread();
      },
      error: (problem: Problem) => {
        this.busy.set(false);
        this.actionProblem.set(problem);
      },
    });
  }
}
