import { expect, test } from '@playwright/test';

import { demoEvents, signIn } from './fixtures';

test('a customer signs in, books two tickets and sees two codes', async ({ page, request }) => {
  const event = (await demoEvents(request)).find((e) => e.title === 'Indie Night at the Dome');
  expect(event).toBeDefined();
  await page.goto(`/ui/events/${event!.id}`);
  await page.getByRole('link', { name: 'Sign in to book' }).click();
  await signIn(page, `/ui/events/${event!.id}`);

  await expect(page.getByRole('heading', { name: event!.title })).toBeVisible();
  await page.getByLabel('Quantity').fill('2');
  await page.getByRole('button', { name: 'Book' }).click();

  await expect(page.getByRole('heading', { name: 'Booking confirmed' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Ticket codes' }).getByRole('listitem')).toHaveCount(2);
});

test('booking more seats than are left says how many are left', async ({ page, request }) => {
  const event = (await demoEvents(request)).find((e) => e.title === 'Stand-up Saturday');
  expect(event?.seats_available).toBeGreaterThan(0);
  await signIn(page, `/ui/events/${event!.id}`);
  await expect(page.getByRole('heading', { name: event!.title })).toBeVisible();

  await page.getByLabel('Quantity').fill(String(event!.seats_available! + 1));
  await page.getByRole('button', { name: 'Book' }).click();

  await expect(page.getByRole('alert')).toContainText(`Only ${event!.seats_available} left.`);
});
