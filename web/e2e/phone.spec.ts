import { expect, test } from '@playwright/test';

import { demoEvents, fitsTheWidth, signIn } from './fixtures';

test.use({ viewport: { width: 360, height: 740 } });

test('at a phone’s width no page scrolls sideways', async ({ page, request }) => {
  const [event] = await demoEvents(request);
  const pages = [
    { name: 'event-list', url: '/ui/', ready: page.getByRole('list', { name: 'Events' }) },
    { name: 'event-page', url: `/ui/events/${event.id}`, ready: page.getByRole('heading', { name: event.title }) },
    { name: 'login', url: '/ui/login', ready: page.getByRole('button', { name: 'Sign in' }) },
    { name: 'not-found', url: '/ui/nowhere', ready: page.getByRole('heading', { name: 'Page not found' }) },
  ];
  for (const { name, url, ready } of pages) {
    await page.goto(url);
    await expect(ready).toBeVisible();
    await page.screenshot({ path: `screenshots/phone-${name}.png`, fullPage: true });
    expect(await fitsTheWidth(page), `${url} scrolls sideways`).toBe(true);
  }

  const roomy = (await demoEvents(request)).find((e) => e.title === 'Indie Night at the Dome');
  await signIn(page, `/ui/events/${roomy!.id}`);
  await page.getByRole('button', { name: 'Book' }).click();
  await expect(page.getByRole('heading', { name: 'Booking confirmed' })).toBeVisible();
  await page.screenshot({ path: 'screenshots/phone-booking.png', fullPage: true });
  expect(await fitsTheWidth(page), 'the booking page scrolls sideways').toBe(true);
});
