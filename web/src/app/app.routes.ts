import { Routes } from '@angular/router';

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
