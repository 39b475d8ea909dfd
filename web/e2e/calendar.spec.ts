import { readFileSync } from 'node:fs';

import { expect, test } from '@playwright/test';

import { demoEvents } from './fixtures';

test('the add-to-calendar link downloads a calendar file naming the event', async ({ page, request }) => {
  const event = (await demoEvents(request)).find((e) => e.title === 'Indie Night at the Dome')!;
  await page.goto(`/ui/events/${event.id}`);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Add to calendar' }).click(),
  ]);

  expect(download.suggestedFilename()).toBe('Indie-Night-at-the-Dome.ics');
  const body = readFileSync((await download.path())!, 'utf8');
  expect(body.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  expect(body).toContain('\r\nSUMMARY:Indie Night at the Dome\r\n');
  expect(body).toContain('\r\nLOCATION:NSCI Dome\\, Mumbai\r\n');
  const start = new Date(event.start_time).toISOString().replace(/[-:]/g, '').replace('.000', '');
  expect(body).toContain(`\r\nDTSTART:${start}\r\n`);
  expect(body).toContain(`/ui/events/${event.id}\r\n`);
});
