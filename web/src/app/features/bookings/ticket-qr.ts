import { Component, computed, input } from '@angular/core';
import { create } from 'qrcode';

/**
 * A ticket code as a QR code: an SVG in a data URL, so it needs no script or inline style
 * (the UI's content policy allows `img-src data:`), and prints and scales sharply.
 */
export function qrSvgDataUrl(code: string): string {
  const modules = create(code, { errorCorrectionLevel: 'M' }).modules;
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(qrSvg(modules.size, (x, y) => modules.get(y, x) === 1))}`;
}

/** The modules as black squares on white, with the standard four-module quiet zone. */
export function qrSvg(size: number, dark: (x: number, y: number) => boolean): string {
  const quiet = 4;
  const side = size + 2 * quiet;
  let path = '';
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (dark(x, y)) {
        path += `M${x + quiet} ${y + quiet}h1v1h-1z`;
      }
    }
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges">` +
    `<rect width="${side}" height="${side}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`
  );
}

@Component({
  selector: 'bo-ticket-qr',
  template: `<img [src]="src()" [alt]="'QR code of ticket ' + code()" width="160" height="160" />`,
  styles: `
    img {
      display: block;
      width: 10rem;
      height: 10rem;
      max-width: 100%;
      border-radius: 0.3rem;
    }
  `,
})
export class TicketQr {
  readonly code = input.required<string>();
  protected readonly src = computed(() => qrSvgDataUrl(this.code()));
}
