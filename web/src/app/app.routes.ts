import { Routes } from '@angular/router';

import { signedIn } from './features/my/signed-in';
import { adminOnly } from './features/admin/admin-access';

export const routes: Routes = [
  {
    path: '',
    title: 'Events · boxoffice',
    loadComponent: () => import('./features/events/event-list').then((m) => m.EventList),
  },
  {
    path: 'events/:id',
    title: 'Event · boxoffice',
    loadComponent: () => import('./features/events/event-page').then((m) => m.EventPage),
  },
  {
    path: 'login',
    title: 'Sign in · boxoffice',
    loadComponent: () => import('./features/auth/login-page').then((m) => m.LoginPage),
  },
  {
    path: 'bookings/:id',
    title: 'Your booking · boxoffice',
    loadComponent: () => import('./features/bookings/booking-page').then((m) => m.BookingPage),
  },
  // Bookings and my pages
  {
    path: 'my/bookings',
    title: 'My bookings · boxoffice',
    canActivate: [signedIn],
    loadComponent: () => import('./features/my/my-bookings').then((m) => m.MyBookings),
  },
  {
    path: 'my/events',
    title: 'My events · boxoffice',
    canActivate: [signedIn],
    loadComponent: () => import('./features/my/my-events').then((m) => m.MyEvents),
  },
  // Sign-up, provider sign-in and notifications
  {
    path: 'register',
    title: 'Create an account · boxoffice',
    loadComponent: () => import('./features/auth/register-page').then((m) => m.RegisterPage),
  },
  {
    path: 'auth/callback',
    title: 'Signing in · boxoffice',
    loadComponent: () => import('./features/auth/provider-sign-in').then((m) => m.ProviderCallback),
  },
  {
    path: 'notifications',
    title: 'Notifications · boxoffice',
    loadComponent: () =>
      import('./features/notifications/notifications-page').then((m) => m.NotificationsPage),
  },
  // The organiser's admin pages
  {
    path: 'admin',
    canActivateChild: [adminOnly],
    loadChildren: () => import('./features/admin/admin.routes').then((m) => m.adminRoutes),
  },
  {
    path: 'admins-only',
    title: 'Admins only · boxoffice',
    loadComponent: () => import('./features/admin/admins-only').then((m) => m.AdminsOnly),
  },
  {
    path: '**',
    title: 'Not found · boxoffice',
    loadComponent: () => import('./features/not-found').then((m) => m.NotFound),
  },
];
