import AxeBuilder from '@axe-core/playwright';
import { Page, expect, test } from '@playwright/test';

import { demoEvents, signIn } from './fixtures';

/** The serious and critical violations axe finds on the page as it is now (kept as a screenshot). */
async function seriousViolations(page: Page, name: string): Promise<string[]> {
  await page.screenshot({ path: `screenshots/desktop-${name.replaceAll(' ', '-')}.png`, fullPage: true });
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

test('every page passes axe', async ({ page, request }) => {
  test.slow(); // five axe runs: on a loaded machine they outlast the default 30 s
  const events = await demoEvents(request);
  const event = events.find((e) => e.title === 'Indie Night at the Dome')!;

  await page.goto('/ui/');
  await expect(page.getByRole('list', { name: 'Events' }).getByRole('listitem')).toHaveCount(events.length);
  expect(await seriousViolations(page, 'the event list'), 'the event list').toEqual([]);

  await page.goto(`/ui/events/${event.id}`);
  await expect(page.getByRole('heading', { name: event.title })).toBeVisible();
  expect(await seriousViolations(page, 'the event page'), 'the event page').toEqual([]);

  await page.goto('/ui/nowhere');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  expect(await seriousViolations(page, 'the not-found page'), 'the not-found page').toEqual([]);

  await page.goto('/ui/login');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  expect(await seriousViolations(page, 'the sign-in page'), 'the sign-in page').toEqual([]);

  await signIn(page, `/ui/events/${event.id}`);
  await page.getByRole('button', { name: 'Book' }).click();
  await expect(page.getByRole('heading', { name: 'Booking confirmed' })).toBeVisible();
  expect(await seriousViolations(page, 'the booking page'), 'the booking page').toEqual([]);
});

test('the dark colours pass axe too', async ({ page, request }) => {
  const [event] = await demoEvents(request);
  await page.emulateMedia({ colorScheme: 'dark' });

  await page.goto(`/ui/events/${event.id}`);
  await expect(page.getByRole('heading', { name: event.title })).toBeVisible();
  expect(await seriousViolations(page, 'dark event page'), 'the event page').toEqual([]);

  await page.goto('/ui/login');
  await page.getByLabel('Username or email').fill('nobody');
  await page.getByLabel('Password').fill('wrong password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  expect(await seriousViolations(page, 'dark refused sign-in'), 'a refused sign-in').toEqual([]);
});
