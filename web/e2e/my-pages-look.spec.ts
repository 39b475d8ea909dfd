import AxeBuilder from '@axe-core/playwright';
import { Page, expect, test } from '@playwright/test';

import { cspViolations, demoEvents, fitsTheWidth, signIn } from './fixtures';

/** The serious and critical violations axe finds on the page as it is now (kept as a screenshot). */
async function seriousViolations(page: Page, name: string): Promise<string[]> {
  await page.screenshot({ path: `screenshots/${name.replaceAll(' ', '-')}.png`, fullPage: true });
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** Signs in, saves one event and books one ticket of another: every new page has something to show. */
async function pagesWithContent(page: Page, request: Parameters<typeof demoEvents>[0]): Promise<string> {
  const events = await demoEvents(request);
  const saved = events.find((e) => e.title === 'Startup Pitch Day')!;
  const booked = events.find((e) => e.title === 'Indie Night at the Dome')!;
  await signIn(page, `/ui/events/${saved.id}`);
  const save = page.getByRole('button', { name: 'Save', exact: true });
  const savedButton = page.getByRole('button', { name: 'Saved', exact: true });
  await expect(save.or(savedButton)).toBeVisible();
  if (await save.isVisible()) {
    await save.click();
  }
  await expect(savedButton).toBeVisible();
  await page.goto(`/ui/events/${booked.id}`);
  await page.getByRole('button', { name: 'Book' }).click();
  await expect(page.getByRole('heading', { name: 'Booking confirmed' })).toBeVisible();
  return page.url();
}

for (const scheme of ['light', 'dark'] as const) {
  test(`the event page's extras, the booking page and my pages pass axe (${scheme})`, async ({ page, request }) => {
    test.slow(); // axe on six pages: generous on a busy machine
    const csp = cspViolations(page);
    await page.emulateMedia({ colorScheme: scheme });
    const event = (await demoEvents(request)).find((e) => e.title === 'Classical Evening')!;
    const bookingUrl = await pagesWithContent(page, request);

    expect(await seriousViolations(page, `${scheme}-booking-with-qr-codes`), 'the booking page').toEqual([]);
    await page.getByRole('button', { name: 'Cancel booking' }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    expect(await seriousViolations(page, `${scheme}-cancel-confirmation`), 'the confirmation').toEqual([]);
    await page.keyboard.press('Escape');

    await page.goto('/ui/my/bookings');
    await expect(page.getByRole('list', { name: 'Bookings' })).toBeVisible();
    expect(await seriousViolations(page, `${scheme}-my-bookings`), 'My bookings').toEqual([]);

    await page.goto('/ui/my/events');
    await expect(page.getByRole('list', { name: 'Saved events' })).toBeVisible();
    expect(await seriousViolations(page, `${scheme}-my-events`), 'My events').toEqual([]);

    await page.goto(`/ui/events/${event.id}`);
    await page.getByRole('button', { name: 'Register' }).click(); // empty: the field errors show
    await expect(page.getByText('Enter your name')).toBeVisible();
    expect(await seriousViolations(page, `${scheme}-event-page-extras`), 'the event page').toEqual([]);
    expect(bookingUrl).toMatch(/\/ui\/bookings\//);
    expect(csp).toEqual([]);
  });
}

test.describe('at a phone’s width', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test('the event page’s extras, the booking page and my pages do not scroll sideways', async ({ page, request }) => {
    test.slow();
    const [first] = await demoEvents(request);
    await pagesWithContent(page, request);
    const pages: [string, () => Promise<void>][] = [
      ['booking-with-qr-codes', async () => undefined],
      ['cancel-confirmation', async () => {
        await page.getByRole('button', { name: 'Cancel booking' }).click();
        await expect(page.getByRole('dialog')).toBeVisible();
      }],
      ['my-bookings', async () => {
        await page.goto('/ui/my/bookings');
        await expect(page.getByRole('list', { name: 'Bookings' })).toBeVisible();
      }],
      ['my-events', async () => {
        await page.goto('/ui/my/events');
        await expect(page.getByRole('list', { name: 'Saved events' })).toBeVisible();
      }],
      ['event-page-extras', async () => {
        await page.goto(`/ui/events/${first.id}`);
        await expect(page.getByRole('button', { name: 'Register' })).toBeVisible();
      }],
    ];
    for (const [name, open] of pages) {
      await open();
      await page.screenshot({ path: `screenshots/phone-${name}.png`, fullPage: true });
      expect(await fitsTheWidth(page), `${name} scrolls sideways`).toBe(true);
    }
  });
});
