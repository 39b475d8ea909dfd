import { Component, computed, input, output } from '@angular/core';

/** `Previous page` / `Next page` for one paginated list; hidden when all fits on one page. */
@Component({
  selector: 'bo-admin-pager',
  template: `
    @if (pages() > 1) {
      <nav class="pager" [attr.aria-label]="label()">
        <button type="button" class="secondary" [disabled]="page() === 1" (click)="turn.emit(page() - 1)">
          Previous page
        </button>
        <span>Page {{ page() }} of {{ pages() }}</span>
        <button type="button" class="secondary" [disabled]="page() === pages()" (click)="turn.emit(page() + 1)">
          Next page
        </button>
      </nav>
    }
  `,
  styles: `
    .pager {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 1rem;
      margin-top: 0.75rem;
    }
  `,
})
export class AdminPager {
  readonly label = input.required<string>();
  readonly page = input.required<number>();
  readonly size = input.required<number>();
  readonly total = input.required<number>();
  readonly turn = output<number>();
  protected readonly pages = computed(() => pageCount(this.total(), this.size()));
}

export function pageCount(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / size));
}
