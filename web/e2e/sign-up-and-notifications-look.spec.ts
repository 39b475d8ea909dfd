import AxeBuilder from '@axe-core/playwright';
import { Page, expect, test } from '@playwright/test';

import { fitsTheWidth, signIn } from './fixtures';

/** The serious and critical violations axe finds on the page as it is now (kept as a screenshot). */
async function seriousViolations(page: Page, name: string): Promise<string[]> {
  await page.screenshot({ path: `screenshots/${name.replaceAll(' ', '-')}.png`, fullPage: true });
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

async function showRefusedSignUp(page: Page): Promise<void> {
  await page.goto('/ui/register');
  await page.getByLabel('Email', { exact: true }).fill('not-quite');
  await page.getByLabel('Username', { exact: true }).fill('x');
  await page.getByLabel('Password', { exact: true }).fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Use 3-50 letters, digits or underscores.')).toBeVisible();
}

for (const scheme of ['light', 'dark'] as const) {
  test(`the sign-up, callback and notifications pages pass axe (${scheme})`, async ({ page }) => {
    test.slow(); // four axe runs: a loaded machine takes its time
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/ui/register');
    await expect(page.getByRole('button', { name: 'Create account' })).toBeVisible();
    expect(await seriousViolations(page, `desktop-${scheme}-sign-up`), 'sign-up').toEqual([]);

    await showRefusedSignUp(page);
    expect(await seriousViolations(page, `desktop-${scheme}-refused-sign-up`), 'refused sign-up').toEqual([]);

    await page.goto('/ui/auth/callback#nothing=here');
    await expect(page.getByRole('heading', { name: 'Sign-in did not complete' })).toBeVisible();
    expect(page.url()).not.toContain('#');
    expect(await seriousViolations(page, `desktop-${scheme}-failed-provider-sign-in`), 'callback').toEqual([]);

    await signIn(page, '/ui/notifications');
    await expect(page.getByRole('heading', { name: 'Notifications' })).toBeVisible();
    await expect(page.getByText('Loading notifications…')).toBeHidden();
    expect(await seriousViolations(page, `desktop-${scheme}-notifications`), 'notifications').toEqual([]);
  });
}

test.describe('at a phone’s width', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test('the sign-up and notifications pages do not scroll sideways', async ({ page }) => {
    await page.goto('/ui/register');
    await expect(page.getByRole('button', { name: 'Create account' })).toBeVisible();
    await page.screenshot({ path: 'screenshots/phone-sign-up.png', fullPage: true });
    expect(await fitsTheWidth(page), 'sign-up scrolls sideways').toBe(true);

    await showRefusedSignUp(page);
    expect(await fitsTheWidth(page), 'a refused sign-up scrolls sideways').toBe(true);

    await signIn(page, '/ui/notifications');
    await expect(page.getByRole('heading', { name: 'Notifications' })).toBeVisible();
    await expect(page.getByText('Loading notifications…')).toBeHidden();
    await page.screenshot({ path: 'screenshots/phone-notifications.png', fullPage: true });
    expect(await fitsTheWidth(page), 'notifications scroll sideways').toBe(true);
  });
});
