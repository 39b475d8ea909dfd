import { APIRequestContext, expect, test } from '@playwright/test';

import { ADMIN, apiToken, cspViolations, demoEvents, signIn, socketReady } from './fixtures';

async function subscribe(request: APIRequestContext, eventId: string): Promise<void> {
  const token = await apiToken(request);
  const answer = await request.post(`/events/${eventId}/subscribe`, { headers: { Authorization: `Bearer ${token}` } });
  expect(answer.ok()).toBe(true);
}

/** What earlier tests sent the customer is read before a page opens, so its badge starts at 0
 * (deciding from the page races its history's first load). */
async function readAll(request: APIRequestContext): Promise<void> {
  const token = await apiToken(request);
  const answer = await request.post('/notifications/read-all', { headers: { Authorization: `Bearer ${token}` } });
  expect(answer.ok(), await answer.text()).toBe(true);
}

async function editAsAdmin(request: APIRequestContext, eventId: string, description: string, token?: string): Promise<void> {
  token ??= await apiToken(request, ADMIN);
  const answer = await request.patch(`/events/${eventId}`, {
    headers: { Authorization: `Bearer ${token}` },
    data: { description },
  });
  expect(answer.ok(), await answer.text()).toBe(true);
}

test('a subscriber sees a live toast within a second of an admin’s edit, and the badge counts it', async ({
  browser,
  request,
}) => {
  const event = (await demoEvents(request)).find((e) => e.title === 'Python Pune Meetup')!;
  await subscribe(request, event.id);
  await readAll(request);
  const context = await browser.newContext();
  const page = await context.newPage();
  const csp = cspViolations(page);
  const ready = socketReady(page);
  await signIn(page, '/ui/notifications');
  await ready;
  const markAll = page.getByRole('button', { name: 'Mark all read' });
  const badge = page.getByRole('link', { name: /^Notifications/ });
  await expect(badge).toHaveAccessibleName('Notifications');
  // When the toast appears, by the page's own clock (the same machine's as this test's).
  await page.evaluate(() => {
    const region = document.querySelector('bo-notification-toast')!;
    new MutationObserver((_, observer) => {
      if (region.querySelector('[role=status]')) {
        document.documentElement.dataset['toastAt'] = String(Date.now());
        observer.disconnect();
      }
    }).observe(region, { childList: true, subtree: true });
  });

  const admin = await apiToken(request, ADMIN); // signing in (bcrypt) is not part of the delay
  const editedAt = Date.now();
  await editAsAdmin(request, event.id, `Now with lightning talks (${editedAt})`, admin);
  const answeredAt = Date.now();

  const toast = page.getByRole('status').filter({ hasText: event.title });
  await expect(toast).toBeVisible();
  const shownAt = Number(await page.evaluate(() => document.documentElement.dataset['toastAt']));
  const delay = shownAt - editedAt;
  const figure = `${delay} ms from the admin's PATCH to the toast on screen (the PATCH answered in ${answeredAt - editedAt} ms)`;
  test.info().annotations.push({ type: 'toast delay', description: figure });
  console.log(`toast delay: ${figure}`);
  expect(delay).toBeLessThan(5_000); // generous: shared machines are noisy; the figure is reported
  await expect(toast).toContainText('Changed');
  await expect(badge).toHaveAccessibleName('Notifications (1 unread)');
  await expect(page.getByRole('list', { name: 'Notifications' })).toContainText('Unread');
  await page.screenshot({ path: 'screenshots/desktop-live-toast-and-unread.png', fullPage: true });

  await markAll.click();
  await expect(badge).toHaveAccessibleName('Notifications');
  await expect(page.getByRole('list', { name: 'Notifications' })).not.toContainText('Unread');
  expect(csp).toEqual([]);
  await context.close();
});

test('the notifications page lists the history, marks one read, then all', async ({ page, request }) => {
  const events = await demoEvents(request);
  const [first, second] = events;
  await subscribe(request, first.id);
  await subscribe(request, second.id);
  await readAll(request);
  await signIn(page, '/ui/notifications');
  const markAll = page.getByRole('button', { name: 'Mark all read' });
  await expect(markAll).toBeDisabled();
  await editAsAdmin(request, first.id, `First change ${Date.now()}`);
  await editAsAdmin(request, second.id, `Second change ${Date.now()}`);

  const history = page.getByRole('list', { name: 'Notifications' });
  const unread = history.getByRole('listitem').filter({ hasText: 'Unread' });
  await expect(unread).toHaveCount(2);
  await expect(unread.first()).toContainText(second.title); // newest first
  const badge = page.getByRole('link', { name: /^Notifications/ });
  await expect(badge).toHaveAccessibleName('Notifications (2 unread)');

  await unread.first().getByRole('button', { name: /^Mark read/ }).click();
  await expect(unread).toHaveCount(1);
  await expect(badge).toHaveAccessibleName('Notifications (1 unread)');
  await expect(unread).toContainText(first.title);

  await page.reload();
  await expect(unread).toHaveCount(1);
  await markAll.click();
  await expect(unread).toHaveCount(0);
  await expect(badge).toHaveAccessibleName('Notifications');
});

test('signed out, the notifications page sends to sign in and back', async ({ page }) => {
  await page.goto('/ui/notifications');
  await expect(page).toHaveURL(/\/ui\/login\?next=%2Fnotifications/);
  await page.getByLabel('Username or email').fill('priya');
  await page.getByLabel('Password').fill('Demo-pass1!');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Notifications' })).toBeVisible();
});
