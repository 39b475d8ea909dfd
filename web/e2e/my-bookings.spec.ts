import { expect, test } from '@playwright/test';

import { cspViolations, demoEvents, seatsLeft, signIn } from './fixtures';

test('a customer books two tickets, sees their QR codes, finds them in My bookings and cancels', async ({
  page,
  request,
}) => {
  const csp = cspViolations(page);
  const event = (await demoEvents(request)).find((e) => e.title === 'Classical Evening')!;
  const before = await seatsLeft(request, event.id);
  await signIn(page, `/ui/events/${event.id}`);
  await expect(page.getByText(`${before} seats left`)).toBeVisible();

  await page.getByLabel('Quantity').fill('2');
  await page.getByRole('button', { name: 'Book' }).click();

  await expect(page.getByRole('heading', { name: 'Booking confirmed' })).toBeVisible();
  const tickets = page.getByRole('list', { name: 'Ticket codes' }).getByRole('listitem');
  await expect(tickets).toHaveCount(2);
  const codes = (await tickets.locator('code').allTextContents()).map((c) => c.trim());
  for (const code of codes) {
    const qr = page.getByRole('img', { name: `QR code of ticket ${code}` });
    await expect(qr).toBeVisible();
    expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  }
  expect(await seatsLeft(request, event.id)).toBe(before - 2);

  await page.getByRole('link', { name: 'My bookings' }).first().click();
  await expect(page.getByRole('heading', { name: 'My bookings', level: 1 })).toBeVisible();
  const newest = page.getByRole('list', { name: 'Bookings' }).getByRole('listitem').first();
  await expect(newest.getByRole('heading', { name: event.title })).toBeVisible();
  for (const code of codes) {
    await expect(newest.getByText(code)).toBeVisible();
  }

  // Escape and "Keep booking" change nothing.
  await newest.getByRole('button', { name: 'Cancel booking' }).click();
  const dialog = page.getByRole('dialog', { name: 'Cancel this booking?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Keep booking' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(newest.getByRole('button', { name: 'Cancel booking' })).toBeFocused();
  expect(await seatsLeft(request, event.id)).toBe(before - 2);

  await newest.getByRole('button', { name: 'Cancel booking' }).click();
  await dialog.getByRole('button', { name: 'Yes, cancel it' }).click();

  await expect(newest).toContainText('cancelled');
  await expect(page.getByRole('heading', { name: 'My bookings', level: 1 })).toBeFocused();
  await expect(newest.getByRole('button', { name: 'Cancel booking' })).toHaveCount(0);
  expect(await seatsLeft(request, event.id)).toBe(before);
  await page.goto(`/ui/events/${event.id}`);
  await expect(page.getByText(`${before} seats left`)).toBeVisible();
  expect(csp).toEqual([]);
});

test('a booking cancelled from its own page says so', async ({ page, request }) => {
  const event = (await demoEvents(request)).find((e) => e.title === 'Startup Pitch Day')!;
  await signIn(page, `/ui/events/${event.id}`);
  await page.getByRole('button', { name: 'Book' }).click();
  await expect(page.getByRole('heading', { name: 'Booking confirmed' })).toBeVisible();

  await page.getByRole('button', { name: 'Cancel booking' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Yes, cancel it' }).click();

  await expect(page.getByRole('heading', { name: 'Booking cancelled' })).toBeFocused();
  await expect(page.getByRole('img', { name: /QR code/ })).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Booking cancelled' })).toBeVisible();
});

test('my pages send a visitor to sign in, then back', async ({ page }) => {
  await page.goto('/ui/my/bookings');
  await expect(page).toHaveURL(/\/ui\/login\?next=%2Fmy%2Fbookings$/);
  await page.getByLabel('Username or email').fill('priya');
  await page.getByLabel('Password').fill('Demo-pass1!');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'My bookings', level: 1 })).toBeVisible();
});

test('the event page reads the seats left again when its tab is shown again', async ({ page, request }) => {
  const event = (await demoEvents(request)).find((e) => e.title === 'Classical Evening')!;
  const before = await seatsLeft(request, event.id);
  await page.goto(`/ui/events/${event.id}`);
  await expect(page.getByText(`${before} seats left`)).toBeVisible();

  // Someone else books three seats meanwhile.
  const login = await request.post('/auth/login', { data: { login: 'rahul', password: 'Demo-pass1!' } });
  const token = ((await login.json()) as { access_token: string }).access_token;
  const booked = await request.post('/bookings', {
    data: { event_id: event.id, quantity: 3 },
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(booked.status()).toBe(201);
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));

  await expect(page.getByText(`${before - 3} seats left`)).toBeVisible();
});
