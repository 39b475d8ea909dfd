import { Routes } from '@angular/router';

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
  {
    path: '**',
    title: 'Not found · boxoffice',
    loadComponent: () => import('./features/not-found').then((m) => m.NotFound),
  },
];
