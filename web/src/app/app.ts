import { Component, inject } from '@angular/core';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';

import { AuthState } from './core/auth';
import { LiveNotifications } from './core/live-notifications';
import { NotificationToast } from './features/notifications/notification-toast';
import { AdminAccess } from './features/admin/admin-access';

@Component({
  selector: 'bo-root',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, NotificationToast],
  template: `
    <header>
      <nav aria-label="Main">
        <a routerLink="/" class="brand">boxoffice</a>
        <!-- In reading order: my pages, admin, notifications (or sign-up), then signing in or out -->
        <div class="links">
          @if (auth.signedIn()) {
            <a routerLink="/my/bookings" routerLinkActive="active" ariaCurrentWhenActive="page">My bookings</a>
            <a routerLink="/my/events" routerLinkActive="active" ariaCurrentWhenActive="page">My events</a>
          }
          @if (adminAccess.isAdmin()) {
            <a routerLink="/admin">Admin</a>
          }
          @if (auth.signedIn()) {
            <a routerLink="/notifications">
              Notifications
              @if (live.unread() > 0) {
                <span class="badge" aria-hidden="true">{{ live.unread() }}</span>
                <span class="visually-hidden">({{ live.unread() }} unread)</span>
              }
            </a>
            <button type="button" class="secondary" (click)="signOut()">Sign out</button>
          } @else {
            <a routerLink="/register">Create account</a>
            <a routerLink="/login">Sign in</a>
          }
        </div>
      </nav>
    </header>
    <router-outlet />
    <bo-notification-toast />
  `,
  styles: `
    header {
      background: var(--surface);
      border-bottom: 1px solid var(--border);
    }
    nav {
      max-width: 72rem;
      margin: 0 auto;
      padding: 0.5rem 1rem;
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 1rem;
    }
    .brand {
      font-weight: 800;
      font-size: 1.2rem;
      text-decoration: none;
    }
    nav {
      flex-wrap: wrap;
    }
    .links {
      margin-left: auto;
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: flex-end;
      gap: 0.3rem 1rem;
    }
    .links .active {
      font-weight: 700;
    }
    .badge {
      display: inline-block;
      min-width: 1.5rem;
      padding: 0 0.4rem;
      border-radius: 1rem;
      background: var(--accent);
      color: var(--accent-text);
      font-weight: 700;
      text-align: center;
    }
  `,
})
export class App {
  protected readonly auth = inject(AuthState);
  private readonly router = inject(Router);
  /** Sign-up and notifications: connects while signed in, for the badge and the toast. */
  protected readonly live = inject(LiveNotifications);
  // The organiser's admin pages
  protected readonly adminAccess = inject(AdminAccess);

  protected signOut(): void {
    this.auth.signOut();
    void this.router.navigateByUrl('/');
  }
}
