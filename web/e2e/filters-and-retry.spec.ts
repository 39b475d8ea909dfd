import { expect, test } from '@playwright/test';

import { cspViolations, demoEvents } from './fixtures';

test('the filters are in the address: a reload and a shared link restore them', async ({ page, browser }) => {
  await page.goto('/ui/');
  await page.getByLabel('City').fill('Mumbai');
  await page.getByLabel('Source').selectOption({ label: 'Ours' });
  await page.getByLabel('Time zone').selectOption('Europe/London');
  await expect(page).toHaveURL(/city=Mumbai/);
  await expect(page).toHaveURL(/source=local/);
  await expect(page).toHaveURL(/tz=Europe%2FLondon/);
  const list = page.getByRole('list', { name: 'Events' });
  await expect(list.getByRole('listitem')).toHaveCount(2);

  await page.reload();
  await expect(page.getByLabel('City')).toHaveValue('Mumbai');
  await expect(page.getByLabel('Source')).toHaveValue('local');
  await expect(page.getByLabel('Time zone')).toHaveValue('Europe/London');
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(list).toContainText('GMT+00:00');

  const shared = await browser.newPage();
  await shared.goto(page.url());
  await expect(shared.getByLabel('City')).toHaveValue('Mumbai');
  await expect(shared.getByRole('list', { name: 'Events' }).getByRole('listitem')).toHaveCount(2);
  await shared.close();
});

test('Back and Forward step through the filters', async ({ page, request }) => {
  const events = await demoEvents(request);
  await page.goto('/ui/');
  const list = page.getByRole('list', { name: 'Events' });
  await expect(list.getByRole('listitem')).toHaveCount(events.length);
  await page.getByLabel('Search').fill('python');
  await expect(page).toHaveURL(/q=python/);
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await page.getByLabel('City').fill('Mumbai');
  await expect(page).toHaveURL(/city=Mumbai/);
  await expect(page.getByText('No events match these filters.')).toBeVisible();

  await page.goBack();
  await expect(page.getByLabel('City')).toHaveValue('');
  await expect(page.getByLabel('Search')).toHaveValue('python');
  await expect(list.getByRole('listitem')).toHaveCount(1);

  await page.goBack();
  await expect(page.getByLabel('Search')).toHaveValue('');
  await expect(list.getByRole('listitem')).toHaveCount(events.length);

  await page.goForward();
  await expect(page.getByLabel('Search')).toHaveValue('python');
  await expect(list.getByRole('listitem')).toHaveCount(1);
});

test('when the server cannot be reached the list offers a retry that works', async ({ page, request }) => {
  const csp = cspViolations(page);
  const events = await demoEvents(request);
  const apiList = (url: URL) => url.pathname === '/events';
  await page.route(apiList, (route) => route.abort('internetdisconnected'));
  await page.goto('/ui/');

  const alert = page.getByRole('alert');
  await expect(alert).toContainText('No connection');
  await expect(alert).toContainText('The server could not be reached');
  await page.unroute(apiList);
  await page.getByRole('button', { name: 'Retry' }).click();

  await expect(page.getByRole('list', { name: 'Events' }).getByRole('listitem')).toHaveCount(events.length);
  expect(csp).toEqual([]);
});

test('when the server cannot be reached the event page offers a retry that works', async ({ page, request }) => {
  const [event] = await demoEvents(request);
  const apiEvent = (url: URL) => url.pathname === `/events/${event.id}`;
  await page.route(apiEvent, (route) => route.abort('connectionrefused'));
  await page.goto(`/ui/events/${event.id}`);

  await expect(page.getByRole('alert')).toContainText('No connection');
  await page.unroute(apiEvent);
  await page.getByRole('button', { name: 'Retry' }).click();

  await expect(page.getByRole('heading', { name: event.title })).toBeVisible();
});
