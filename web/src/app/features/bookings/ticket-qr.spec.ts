import jsQR from 'jsqr';
import { create } from 'qrcode';

import { qrSvg, qrSvgDataUrl } from './ticket-qr';

/** The QR symbol drawn as RGBA pixels (4 per module, with its quiet zone), as a camera would see it. */
function pixels(code: string): { data: Uint8ClampedArray; side: number } {
  const { modules } = create(code, { errorCorrectionLevel: 'M' });
  const scale = 4;
  const quiet = 4;
  const side = (modules.size + 2 * quiet) * scale;
  const data = new Uint8ClampedArray(side * side * 4).fill(255);
  for (let y = 0; y < modules.size; y++) {
    for (let x = 0; x < modules.size; x++) {
      if (!modules.get(y, x)) {
        continue;
      }
      for (let dy = 0; dy < scale; dy++) {
        for (let dx = 0; dx < scale; dx++) {
          const at = (((y + quiet) * scale + dy) * side + (x + quiet) * scale + dx) * 4;
          data.fill(0, at, at + 3);
        }
      }
    }
  }
  return { data, side };
}

describe('ticket QR codes', () => {
  it('decode back to the ticket code', () => {
    for (const code of ['BX-7K2M-9QXD-4TNB-WF3H', 'BX-AAAA-BBBB-CCCC-DDDD']) {
      const { data, side } = pixels(code);
      expect(jsQR(data, side, side)?.data).toBe(code);
    }
  });

  it('draw exactly the dark modules of the library’s matrix, inside a quiet zone', () => {
    const dark = new Set(['0,0', '2,1']);
    const svg = qrSvg(3, (x, y) => dark.has(`${x},${y}`));
    expect(svg).toContain('viewBox="0 0 11 11"');
    expect(svg).toContain('d="M4 4h1v1h-1zM6 5h1v1h-1z"');
  });

  it('are SVG data URLs the content policy allows as images', () => {
    const url = qrSvgDataUrl('BX-7K2M-9QXD-4TNB-WF3H');
    expect(url.startsWith('data:image/svg+xml;charset=utf-8,')).toBe(true);
    const svg = decodeURIComponent(url.slice(url.indexOf(',') + 1));
    const { modules } = create('BX-7K2M-9QXD-4TNB-WF3H', { errorCorrectionLevel: 'M' });
    const darkModules = Array.from(modules.data).filter((m) => m === 1).length;
    expect(svg.match(/h1v1h-1z/g)).toHaveLength(darkModules);
    expect(svg).not.toContain('<script');
  });
});
