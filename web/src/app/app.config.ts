import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { ApplicationConfig, provideBrowserGlobalErrorListeners } from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';

import { bearerToken, problems, signInOnUnauthorized } from './core/interceptors';
import { routes } from './app.routes';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideRouter(routes, withComponentInputBinding()),
    // Order matters: the 401 redirect sees the raw response before it becomes a Problem.
    provideHttpClient(withInterceptors([bearerToken, problems, signInOnUnauthorized])),
  ],
};
