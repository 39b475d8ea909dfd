import { Component, inject } from '@angular/core';

import { ViewerZone } from '../../core/time-zone';

/** `Time zone`: the zone every time on the page is shown in, the browser's by default. */
@Component({
  selector: 'bo-time-zone-picker',
  template: `
    <div class="field">
      <label for="time-zone">Time zone</label>
      <select id="time-zone" [value]="viewer.zone()" (change)="choose($event)">
        @for (zone of viewer.choices; track zone) {
          <option [value]="zone" [selected]="zone === viewer.zone()">{{ zone }}</option>
        }
      </select>
    </div>
  `,
})
export class TimeZonePicker {
  protected readonly viewer = inject(ViewerZone);

  protected choose(event: Event): void {
    this.viewer.zone.set((event.target as HTMLSelectElement).value);
  }
}
