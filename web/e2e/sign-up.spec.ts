import { expect, test } from '@playwright/test';

import { cspViolations, demoEvents } from './fixtures';

test('a visitor signs up, is told the username is taken, picks another and is signed in', async ({
  page,
  request,
}) => {
  const csp = cspViolations(page);
  const event = (await demoEvents(request)).find((e) => e.title === 'Python Pune Meetup')!;
  const unique = `meera_${Date.now().toString(36)}`;
  await page.goto(`/ui/login?next=${encodeURIComponent(`/events/${event.id}`)}`);
  await page.getByRole('link', { name: 'Create an account', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Create an account' })).toBeVisible();

  const rules = page.getByRole('list', { name: 'It needs:' });
  const password = page.getByLabel('Password', { exact: true });
  await password.pressSequentially('abc');
  await expect(rules.getByRole('listitem').filter({ hasText: 'At least 8 characters' })).toContainText('not yet');
  await expect(rules.getByRole('listitem').filter({ hasText: 'An upper-case letter' })).toContainText('not yet');
  await password.pressSequentially('Defg1!');
  for (const rule of await rules.getByRole('listitem').all()) {
    await expect(rule).toContainText('done');
  }

  await page.getByLabel('Email', { exact: true }).fill(`${unique}@example.com`);
  await page.getByLabel('Username', { exact: true }).fill('priya');
  await page.getByRole('button', { name: 'Create account' }).click();

  const username = page.getByLabel('Username', { exact: true });
  await expect(page.getByText('this username is taken')).toBeVisible();
  await expect(username).toHaveAttribute('aria-invalid', 'true');
  await expect(username).toBeFocused();
  await expect(page.getByLabel('Email', { exact: true })).toHaveAttribute('aria-invalid', 'false');

  await username.fill(unique);
  await expect(page.getByText('this username is taken')).toBeHidden();
  await page.getByRole('button', { name: 'Create account' }).click();

  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(page.getByRole('heading', { name: event.title })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/ui/events/${event.id}$`));
  expect(csp).toEqual([]);
});

test('the header offers to create an account to a visitor only', async ({ page }) => {
  await page.goto('/ui/');
  await page.getByRole('link', { name: 'Create account', exact: true }).click();
  await expect(page).toHaveURL(/\/ui\/register/);
  await expect(page.getByRole('button', { name: 'Create account' })).toBeVisible();
});
