import { Routes } from '@angular/router';

/** Under `/admin`, behind `adminOnly`. */
export const adminRoutes: Routes = [
  {
    path: '',
    title: 'Admin · boxoffice',
    loadComponent: () => import('./admin-events').then((m) => m.AdminEvents),
  },
  {
    path: 'events/new',
    title: 'New event · boxoffice',
    loadComponent: () => import('./event-form').then((m) => m.EventForm),
  },
  {
    path: 'events/:id/edit',
    title: 'Edit event · boxoffice',
    loadComponent: () => import('./event-form').then((m) => m.EventForm),
  },
  {
    path: 'events/:id',
    title: 'Event admin · boxoffice',
    loadComponent: () => import('./admin-event-page').then((m) => m.AdminEventPage),
  },
];
