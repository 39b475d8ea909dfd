import { expect, test } from '@playwright/test';

import { demoEvents, signIn } from './fixtures';

test('the colours follow the system’s dark mode', async ({ page }) => {
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/ui/');
  await expect(page.getByRole('heading', { name: 'Events' })).toBeVisible();
  const light = await background();

  await page.emulateMedia({ colorScheme: 'dark' });

  await expect.poll(background).not.toBe(light);
});

test('a customer books by keyboard alone', async ({ page, request }) => {
  const event = (await demoEvents(request)).find((e) => e.title === 'Python Pune Meetup');
  await signIn(page, `/ui/events/${event!.id}`);
  await expect(page.getByRole('heading', { name: event!.title })).toBeVisible();

  const quantity = page.getByLabel('Quantity');
  for (let presses = 0; presses < 40 && !(await quantity.evaluate((e) => e === document.activeElement)); presses++) {
    await page.keyboard.press('Tab');
  }
  await expect(quantity).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(quantity).toHaveValue('2');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Book' })).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { name: 'Booking confirmed' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Ticket codes' }).getByRole('listitem')).toHaveCount(2);
});
