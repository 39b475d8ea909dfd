import { Component } from '@angular/core';
import { RouterLink } from '@angular/router';

/** What a signed-in customer sees at an admin address (a 403, in plain words). */
@Component({
  selector: 'bo-admins-only',
  imports: [RouterLink],
  template: `
    <main>
      <div class="card">
        <h1>Admins only</h1>
        <p>This page is for the organisers who run boxoffice, and your account is not one of them.</p>
        <p><a routerLink="/">Back to all events</a></p>
      </div>
    </main>
  `,
})
export class AdminsOnly {}
