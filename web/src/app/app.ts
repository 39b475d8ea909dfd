import { Component, inject } from '@angular/core';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';

import { AuthState } from './core/auth';

@Component({
  selector: 'bo-root',
  imports: [RouterOutlet, RouterLink, RouterLinkActive],
  template: `
    <header>
      <nav aria-label="Main">
        <a routerLink="/" class="brand">boxoffice</a>
        @if (auth.signedIn()) {
          <button type="button" class="secondary" (click)="signOut()">Sign out</button>
        } @else {
          <a routerLink="/login">Sign in</a>
        }
        <!-- Bookings and my pages -->
        @if (auth.signedIn()) {
          <span class="mine">
            <a routerLink="/my/bookings" routerLinkActive="active" ariaCurrentWhenActive="page">My bookings</a>
            <a routerLink="/my/events" routerLinkActive="active" ariaCurrentWhenActive="page">My events</a>
          </span>
        }
      </nav>
    </header>
    <router-outlet />
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
    /* Bookings and my pages: their links sit between the brand and signing out. */
    nav {
      flex-wrap: wrap;
    }
    nav > button {
      order: 2;
    }
    .mine {
      order: 1;
      margin-left: auto;
      display: flex;
      flex-wrap: wrap;
      gap: 0.3rem 1rem;
    }
    .mine .active {
      font-weight: 700;
    }
  `,
})
export class App {
  protected readonly auth = inject(AuthState);
  private readonly router = inject(Router);

  protected signOut(): void {
    this.auth.signOut();
    void this.router.navigateByUrl('/');
  }
}
