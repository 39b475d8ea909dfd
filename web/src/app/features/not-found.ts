import { Component } from '@angular/core';
import { RouterLink } from '@angular/router';

@Component({
  selector: 'bo-not-found',
  imports: [RouterLink],
  template: `
    <main>
      <h1>Page not found</h1>
      <p>There is no page at this address. <a routerLink="/">See all events</a>.</p>
    </main>
  `,
})
export class NotFound {}
