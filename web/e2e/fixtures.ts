import { APIRequestContext, Page, WebSocket, expect } from '@playwright/test';

export interface ApiEvent {
  id: string;
  title: string;
  start_time: string;
  seats_available: number | null;
}

export const CUSTOMER = { login: 'priya', password: 'Demo-pass1!' };

/** The demo events as the API lists them, soonest first. */
export async function demoEvents(request: APIRequestContext): Promise<ApiEvent[]> {
  const answer = await request.get('/events?size=100&tz=Asia/Kolkata');
  expect(answer.ok()).toBe(true);
  return ((await answer.json()) as { items: ApiEvent[] }).items;
}

export async function signIn(page: Page, next = '/ui/'): Promise<void> {
  await page.goto(`/ui/login?next=${encodeURIComponent(next.replace(/^\/ui/, ''))}`);
  await page.getByLabel('Username or email').fill(CUSTOMER.login);
  await page.getByLabel('Password').fill(CUSTOMER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

/** True when the page is no wider than the window: nothing scrolls sideways. */
export async function fitsTheWidth(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

// Event page extras, bookings and my pages; sign-up and notifications
export const ADMIN = { login: 'admin', password: 'Demo-pass1!' };

/** A bearer token from the API itself, for set-up steps a test does not click through. */
export async function apiToken(request: APIRequestContext, who = CUSTOMER): Promise<string> {
  const answer = await request.post('/auth/login', { data: who });
  expect(answer.ok()).toBe(true);
  return ((await answer.json()) as { access_token: string }).access_token;
}

/** Every Content-Security-Policy violation the page reports on its console, as it happens. */
export function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (message) => {
    if (/Content[- ]Security[- ]Policy/i.test(message.text())) {
      seen.push(message.text());
    }
  });
  return seen;
}

/** Seats left of one event, as the API says now. */
export async function seatsLeft(request: APIRequestContext, eventId: string): Promise<number> {
  // A fresh connection each time: a kept-alive one left idle while the browser worked may be
  // closed by the server just as this request goes out (ECONNRESET on a busy machine).
  const answer = await request.get(`/events/${eventId}`, { headers: { Connection: 'close' } });
  expect(answer.ok()).toBe(true);
  return ((await answer.json()) as ApiEvent).seats_available!;
}

/** Resolves once the page's notification socket has said `ready` (signed in and caught up). */
export function socketReady(page: Page): Promise<WebSocket> {
  return new Promise((resolve) => {
    page.on('websocket', (socket) => {
      if (!socket.url().endsWith('/ws/notifications')) {
        return;
      }
      socket.on('framereceived', (frame) => {
        if (typeof frame.payload === 'string' && frame.payload.includes('"ready"')) {
          resolve(socket);
        }
      });
    });
  });
}
