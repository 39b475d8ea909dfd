import { expect, test } from '@playwright/test';

import { apiToken, cspViolations, demoEvents, signIn } from './fixtures';

test('a customer saves an event, unsaves it, saves it again and unsaves it from My events', async ({
  page,
  request,
}) => {
  const csp = cspViolations(page);
  const event = (await demoEvents(request)).find((e) => e.title === 'Python Pune Meetup')!;
  await signIn(page, `/ui/events/${event.id}`);

  const save = page.getByRole('button', { name: 'Save', exact: true });
  await expect(save).toHaveAttribute('aria-pressed', 'false');
  await save.click();
  const saved = page.getByRole('button', { name: 'Saved', exact: true });
  await expect(saved).toHaveAttribute('aria-pressed', 'true');
  await page.reload();
  await expect(saved).toHaveAttribute('aria-pressed', 'true');

  await saved.click();
  await expect(save).toHaveAttribute('aria-pressed', 'false');
  await page.reload();
  await expect(save).toBeVisible();

  await save.click();
  await expect(saved).toBeVisible();
  await page.getByRole('link', { name: 'My events' }).click();
  const list = page.getByRole('list', { name: 'Saved events' });
  await expect(list.getByRole('link', { name: event.title })).toBeVisible();
  await list.getByRole('button', { name: `Unsave ${event.title}` }).click();

  await expect(list.getByRole('link', { name: event.title })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'My events', level: 1 })).toBeFocused();
  await page.goto(`/ui/events/${event.id}`);
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeVisible();
  expect(csp).toEqual([]);
});

test('a customer subscribes to an event and unsubscribes', async ({ page, request }) => {
  const event = (await demoEvents(request)).find((e) => e.title === 'Stand-up Saturday')!;
  // Another spec may have subscribed priya to it already: start from not following it.
  const token = await apiToken(request);
  const cleared = await request.delete(`/events/${event.id}/subscribe`, { headers: { Authorization: `Bearer ${token}` } });
  expect(cleared.status()).toBe(204);
  await signIn(page, `/ui/events/${event.id}`);

  await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
  const subscribed = page.getByRole('button', { name: 'Subscribed', exact: true });
  await expect(subscribed).toHaveAttribute('aria-pressed', 'true');
  await page.reload();
  await expect(subscribed).toHaveAttribute('aria-pressed', 'true');

  await subscribed.click();
  await expect(page.getByRole('button', { name: 'Subscribe', exact: true })).toHaveAttribute('aria-pressed', 'false');
  await page.reload();
  await expect(page.getByRole('button', { name: 'Subscribe', exact: true })).toBeVisible();
});

test('a visitor is offered to sign in to save, and sees no toggles', async ({ page, request }) => {
  const [event] = await demoEvents(request);
  await page.goto(`/ui/events/${event.id}`);

  await expect(page.getByRole('link', { name: 'Sign in to save or subscribe' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toHaveCount(0);
});
