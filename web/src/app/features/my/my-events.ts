import { Component, ElementRef, computed, inject, signal, viewChild } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';

import { ApiClient } from '../../core/api-client';
import { EventItem } from '../../core/api-types';
import { Problem, toProblem } from '../../core/problem';
import { ViewerZone, formatTime } from '../../core/time-zone';
import { Pager } from '../../shared/pager';

export const SAVED_PER_PAGE = 12;

/** `/my/events`: the events the signed-in user saved (newest save first), with `Unsave`. */
@Component({
  selector: 'bo-my-events',
  imports: [RouterLink, Pager],
  template: `
    <main>
      <h1 #heading tabindex="-1">My events</h1>
      @if (problem(); as problem) {
        <div class="card" role="alert">
          <p><strong>{{ problem.title }}</strong> {{ problem.detail }}</p>
          <button type="button" (click)="saved.reload()">Try again</button>
        </div>
      } @else if (saved.hasValue()) {
        @if (saved.value().total === 0) {
          <p class="card">You have not saved any upcoming event. <a routerLink="/">Find one to save</a></p>
        } @else {
          <ul class="events" aria-label="Saved events">
            @for (event of saved.value().items; track event.id) {
              <li class="card">
                <h2><a [routerLink]="['/events', event.id]">{{ event.title }}</a></h2>
                <p class="muted">{{ event.location }}, {{ event.city }}</p>
                <p><time [attr.datetime]="event.start_time">{{ starts(event) }}</time></p>
                <button type="button" class="secondary" [disabled]="busy() === event.id" (click)="unsave(event)">
                  Unsave<span class="visually-hidden"> {{ event.title }}</span>
                </button>
              </li>
            }
          </ul>
          <bo-pager [page]="page()" [total]="saved.value().total" [size]="size" label="Pages of saved events" (turned)="page.set($event)" />
        }
      } @else {
        <p class="muted" aria-live="polite">Loading your saved events…</p>
      }
      <p class="visually-hidden" aria-live="polite">{{ news() }}</p>
      @if (failure(); as failure) {
        <p class="error" role="alert">{{ failure.title }}: {{ failure.detail }}</p>
      }
    </main>
  `,
  styles: `
    .events {
      list-style: none;
      padding: 0;
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 16rem), 1fr));
      gap: 1rem;
    }
    h2 {
      font-size: 1.15rem;
      margin: 0;
      overflow-wrap: anywhere;
    }
    h1:focus {
      outline: none;
    }
    p {
      margin: 0.2rem 0 0.5rem;
    }
  `,
})
export class MyEvents {
  private readonly api = inject(ApiClient);
  private readonly viewer = inject(ViewerZone);
  private readonly heading = viewChild.required<ElementRef<HTMLElement>>('heading');
  protected readonly size = SAVED_PER_PAGE;
  protected readonly page = signal(1);
  protected readonly busy = signal<string | null>(null);
  protected readonly news = signal('');
  protected readonly failure = signal<Problem | null>(null);

  protected readonly saved = rxResource({
    params: () => this.page(),
    stream: ({ params }) => this.api.myEvents(params, this.size),
  });
  protected readonly problem = computed(() => {
    const error = this.saved.error();
    return error ? toProblem(error) : null;
  });

  protected starts(event: EventItem): string {
    return formatTime(event.start_time, this.viewer.zone());
  }

  protected unsave(event: EventItem): void {
    this.busy.set(event.id);
    this.failure.set(null);
    this.api.unsave(event.id).subscribe({
      complete: () => {
        this.busy.set(null);
        this.news.set(`${event.title} is no longer saved.`);
        this.heading().nativeElement.focus(); // its button goes with the reload
        const last = this.saved.hasValue() && this.saved.value().items.length === 1 && this.page() > 1;
        if (last) {
          this.page.update((page) => page - 1);
        } else {
          this.saved.reload();
        }
      },
      error: (problem: Problem) => {
        this.busy.set(null);
        this.failure.set(problem);
      },
    });
  }
}
