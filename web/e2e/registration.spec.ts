import { expect, test } from '@playwright/test';

import { cspViolations, demoEvents, seatsLeft } from './fixtures';

test('a visitor registers by name and e-mail, and a second try is refused in plain words', async ({
  page,
  request,
}) => {
  const csp = cspViolations(page);
  const event = (await demoEvents(request)).find((e) => e.title === 'Python Pune Meetup')!;
  const before = await seatsLeft(request, event.id);
  await page.goto(`/ui/events/${event.id}`);
  await expect(page.getByText(`${before} seats left`)).toBeVisible();

  await page.getByLabel('Name').fill('Kavya Menon');
  await page.getByLabel('Email').fill('kavya@example.com');
  await page.getByRole('button', { name: 'Register' }).click();

  await expect(page.getByRole('main').getByRole('status')).toContainText('You are registered, Kavya Menon.');
  await expect(page.getByText(`${before - 1} seats left`)).toBeVisible();

  await page.getByRole('button', { name: 'Register' }).click();

  await expect(page.getByRole('alert')).toHaveText('This e-mail address is already registered for this event.');
  await expect(page.getByText(`${before - 1} seats left`)).toBeVisible();
  expect(csp).toEqual([]);
});

test('the registration form checks its fields before sending', async ({ page, request }) => {
  const event = (await demoEvents(request)).find((e) => e.title === 'Python Pune Meetup')!;
  await page.goto(`/ui/events/${event.id}`);
  await page.getByLabel('Email').fill('not an address');
  await page.getByRole('button', { name: 'Register' }).click();

  await expect(page.getByText('Enter your name')).toBeVisible();
  await expect(page.getByText('Enter an e-mail address such as name@example.com.')).toBeVisible();
  await expect(page.getByRole('main').getByRole('status')).toHaveCount(0);
});

test('a sign-in-only refusal sends to sign in and back; too many tries say how long to wait', async ({
  page,
  request,
}) => {
  // Answers the API gives for a sign-in-only event and beyond the per-client limits.
  const event = (await demoEvents(request)).find((e) => e.title === 'Startup Pitch Day')!;
  const problem = (status: number, kind: string, detail: string) => ({
    status,
    contentType: 'application/problem+json',
    headers: (status === 429 ? { 'Retry-After': '120' } : {}) as Record<string, string>,
    body: JSON.stringify({ type: `/problems/${kind}`, title: kind, status, detail }),
  });
  let answer = problem(429, 'too-many-requests', 'at most 5 registrations per 3600 s from one client; try again in 120 s');
  await page.route(
    (url) => url.pathname === `/events/${event.id}/register`,
    (route) => route.fulfill(answer),
  );
  await page.goto(`/ui/events/${event.id}`);
  await page.getByLabel('Name').fill('Kavya Menon');
  await page.getByLabel('Email').fill('kavya@example.com');

  await page.getByRole('button', { name: 'Register' }).click();
  await expect(page.getByRole('alert')).toHaveText('Too many registrations from here. Try again in 2 minutes.');

  answer = problem(401, 'sign-in-required', 'this event takes registrations from signed-in users only');
  await page.getByRole('button', { name: 'Register' }).click();
  await expect(page).toHaveURL(new RegExp(`/ui/login\\?next=%2Fevents%2F${event.id}$`));
});
