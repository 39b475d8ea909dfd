import { Component, inject, input, linkedSignal, signal } from '@angular/core';
import { Observable } from 'rxjs';

import { ApiClient } from '../../core/api-client';
import { EventView } from '../../core/api-types';
import { Problem } from '../../core/problem';

/** `Save`/`Saved` and `Subscribe`/`Subscribed`: two toggle buttons for a signed-in user. */
@Component({
  selector: 'bo-event-toggles',
  template: `
    <div class="toggles">
      <button type="button" class="secondary" [attr.aria-pressed]="saved()" (click)="toggleSaved()">
        {{ saved() ? 'Saved' : 'Save' }}
      </button>
      <button type="button" class="secondary" [attr.aria-pressed]="subscribed()" (click)="toggleSubscribed()">
        {{ subscribed() ? 'Subscribed' : 'Subscribe' }}
      </button>
    </div>
    <p class="muted hint">Subscribed or saved, you hear about every change of this event.</p>
    @if (problem(); as problem) {
      <p class="error" role="alert">{{ problem.title }}: {{ problem.detail }}</p>
    }
  `,
  styles: `
    .toggles {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    button[aria-pressed='true'] {
      background: var(--accent);
      color: var(--accent-text);
      border-color: var(--accent);
    }
    .hint {
      margin: 0.4rem 0 0;
      font-size: 0.9rem;
    }
  `,
})
export class EventToggles {
  readonly event = input.required<EventView>();

  private readonly api = inject(ApiClient);
  protected readonly saved = linkedSignal(() => this.event().saved === true);
  protected readonly subscribed = linkedSignal(() => this.event().subscribed === true);
  protected readonly busy = signal(false);
  protected readonly problem = signal<Problem | null>(null);

  protected toggleSaved(): void {
    const id = this.event().id;
    const next = !this.saved();
    this.change(next ? this.api.save(id) : this.api.unsave(id), () => this.saved.set(next));
  }

  protected toggleSubscribed(): void {
    const id = this.event().id;
    const next = !this.subscribed();
    this.change(next ? this.api.subscribe(id) : this.api.unsubscribe(id), () => this.subscribed.set(next));
  }

  private change(call: Observable<unknown>, done: () => void): void {
    if (this.busy()) {
      return; // one change at a time; the button stays focusable (not disabled) meanwhile
    }
    this.busy.set(true);
    this.problem.set(null);
    call.subscribe({
      next: () => undefined,
      complete: () => {
        this.busy.set(false);
        done();
      },
      error: (problem: Problem) => {
        this.busy.set(false);
        this.problem.set(problem);
      },
    });
  }
}
