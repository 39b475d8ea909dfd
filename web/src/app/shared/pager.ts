import { Component, computed, input, output } from '@angular/core';

/** How many pages `total` items fill, `size` to a page (at least one). */
export function pageCount(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / size));
}

/** `Previous page` / `Next page`, shown only when there is more than one page. */
@Component({
  selector: 'bo-pager',
  template: `
    @if (pages() > 1) {
      <nav class="pager" [attr.aria-label]="label()">
        <button type="button" class="secondary" [disabled]="page() === 1" (click)="turned.emit(page() - 1)">
          Previous page
        </button>
        <span>Page {{ page() }} of {{ pages() }}</span>
        <button type="button" class="secondary" [disabled]="page() === pages()" (click)="turned.emit(page() + 1)">
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
      justify-content: center;
      gap: 1rem;
      margin-top: 1rem;
    }
  `,
})
export class Pager {
  readonly page = input.required<number>();
  readonly total = input.required<number>();
  readonly size = input.required<number>();
  readonly label = input('Pages');
  readonly turned = output<number>();
  protected readonly pages = computed(() => pageCount(this.total(), this.size()));
}
