import { expect, test } from '@playwright/test';

import { demoEvents } from './fixtures';

test('a visitor browses the events and opens one', async ({ page, request }) => {
  const events = await demoEvents(request);
  await page.goto('/ui/');

  const list = page.getByRole('list', { name: 'Events' });
  await expect(list.getByRole('listitem')).toHaveCount(events.length);
  await expect(list).toContainText('seats left');
  await list.getByRole('link', { name: 'Python Pune Meetup' }).click();

  await expect(page.getByRole('heading', { name: 'Python Pune Meetup' })).toBeVisible();
  await expect(page).toHaveURL(/\/ui\/events\/[0-9a-f-]+$/);
  await expect(page.getByText('Thoughtworks Office, Pune')).toBeVisible();
});

test('a visitor searches by title', async ({ page }) => {
  await page.goto('/ui/');
  await page.getByLabel('Search').fill('python');

  const list = page.getByRole('list', { name: 'Events' });
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list).toContainText('Python Pune Meetup');
});

test('a visitor filters by date and sees only that day’s events', async ({ page, request }) => {
  const events = await demoEvents(request);
  const day = events[0].start_time.slice(0, 10); // in Asia/Kolkata, the browser's zone here
  const that = events.filter((event) => event.start_time.startsWith(day));
  await page.goto('/ui/');
  await page.getByLabel('From', { exact: true }).fill(day);
  await page.getByLabel('To', { exact: true }).fill(day);

  const list = page.getByRole('list', { name: 'Events' });
  await expect(list.getByRole('listitem')).toHaveCount(that.length);
  for (const event of that) {
    await expect(list).toContainText(event.title);
  }
});

test('a visitor narrows the list to one city and to our own events', async ({ page, request }) => {
  const events = await demoEvents(request);
  await page.goto('/ui/');
  await page.getByLabel('City').fill('Mumbai');

  const list = page.getByRole('list', { name: 'Events' });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(list).toContainText('Indie Night at the Dome');
  await expect(list).toContainText('Stand-up Saturday');

  await page.getByLabel('Source').selectOption({ label: 'Ours' });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(events.length);
});

test('a visitor finds nothing for a search that matches nothing', async ({ page }) => {
  await page.goto('/ui/');
  await page.getByLabel('Search').fill('no such event anywhere');

  await expect(page.getByText('No events match these filters.')).toBeVisible();
});

test('switching the time zone changes every time on the page', async ({ page, request }) => {
  const events = await demoEvents(request);
  await page.goto('/ui/');
  const cards = page.getByRole('list', { name: 'Events' }).getByRole('listitem');
  await expect(cards).toHaveCount(events.length);
  await expect(page.getByLabel('Time zone')).toHaveValue('Asia/Kolkata');
  await expect(cards.filter({ hasText: 'GMT+05:30' })).toHaveCount(events.length);

  await page.getByLabel('Time zone').selectOption('America/New_York');

  await expect(cards.filter({ hasText: 'GMT-05:00' })).toHaveCount(events.length);
  await expect(cards.filter({ hasText: 'GMT+05:30' })).toHaveCount(0);
});

test('the event page shows the event’s time and the viewer’s, each labelled', async ({ page, request }) => {
  const [event] = await demoEvents(request);
  await page.goto(`/ui/events/${event.id}`); // a deep link, as after a reload

  await expect(page.getByRole('heading', { name: event.title })).toBeVisible();
  await page.getByLabel('Time zone').selectOption('Europe/London');

  await expect(page.getByText('Starts (event\'s time, Asia/Kolkata)')).toBeVisible();
  await expect(page.getByText('Starts (your time, Europe/London)')).toBeVisible();
  await expect(page.getByText(/GMT\+05:30/).first()).toBeVisible();
  await expect(page.getByText(/GMT\+00:00/).first()).toBeVisible();
  await expect(page.getByText(/seats? left|Sold out/)).toBeVisible();
});

test('an unknown event says it was not found', async ({ page }) => {
  await page.goto('/ui/events/00000000-0000-4000-8000-000000000000');

  await expect(page.getByRole('heading', { name: 'Event not found' })).toBeVisible();
});
