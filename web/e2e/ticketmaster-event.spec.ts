import { expect, test } from '@playwright/test';

import { demoEvents } from './fixtures';

test('an imported Ticketmaster event links to its Ticketmaster page instead of a booking form', async ({
  page,
  request,
}) => {
  // The demo has no imported events: this one is the answer the API gives for one.
  const [ours] = await demoEvents(request);
  const imported = {
    ...(await (await request.get(`/events/${ours.id}`)).json()),
    title: 'Arena Tour (imported)',
    source: 'ticketmaster',
    bookable: false,
    capacity: null,
    seats_available: null,
    listing: { external_id: 'vvG1zZ9KbkY3jK', url: 'https://www.ticketmaster.example/event/1', sale_status: 'onsale' },
  };
  await page.route(
    (url) => url.pathname === `/events/${ours.id}`,
    (route) => route.fulfill({ json: imported }),
  );

  await page.goto(`/ui/events/${ours.id}`);

  await expect(page.getByRole('heading', { name: 'Arena Tour (imported)' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Buy on Ticketmaster' })).toHaveAttribute(
    'href',
    'https://www.ticketmaster.example/event/1',
  );
  await expect(page.getByLabel('Quantity')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Register' })).toHaveCount(0);
});
