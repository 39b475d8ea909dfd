import { Component, inject } from '@angular/core';
import { Router, RouterLink, RouterOutlet } from '@angular/router';

import { AuthState } from './core/auth';
import { AdminAccess } from './features/admin/admin-access';

@Component({
  selector: 'bo-root',
  imports: [RouterOutlet, RouterLink],
  template: `
    <header>
      <nav aria-label="Main">
        <a routerLink="/" class="brand">boxoffice</a>
        <!-- The organiser's admin pages -->
        @if (adminAccess.isAdmin()) {
          <a routerLink="/admin" class="admin-link">Admin</a>
        }
        @if (auth.signedIn()) {
          <button type="button" class="secondary" (click)="signOut()">Sign out</button>
        } @else {
          <a routerLink="/login">Sign in</a>
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
    /* The organiser's admin pages */
    .admin-link {
      margin-left: auto;
    }
  `,
})
export class App {
  protected readonly auth = inject(AuthState);
  private readonly router = inject(Router);
  // The organiser's admin pages
  protected readonly adminAccess = inject(AdminAccess);

  protected signOut(): void {
    this.auth.signOut();
    void this.router.navigateByUrl('/');
  }
}
