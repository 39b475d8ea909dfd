import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';

import { EventItem, Page } from '../../core/api-types';
import { ViewerZone } from '../../core/time-zone';
import { EventList, PAGE_SIZE } from './event-list';

function event(n: number): EventItem {
  return {
    id: `e${n}`,
    title: `Event ${n}`,
    description: '',
    location: 'Hall',
    city: 'Pune',
    start_time: '2026-12-02T21:00:00+05:30',
    end_time: '2026-12-02T23:00:00+05:30',
    timezone: 'Asia/Kolkata',
    capacity: 10,
    seats_available: n % 2 ? 0 : 12,
    price: '499.00',
    currency: 'INR',
    status: 'active',
    tags: [],
    created_by: null,
    created_at: '2026-11-01T10:00:00+05:30',
    source: 'local',
    bookable: true,
    listing: null,
  };
}

function page(number: number, total: number): Page<EventItem> {
  const count = Math.min(PAGE_SIZE, total - (number - 1) * PAGE_SIZE);
  return { items: Array.from({ length: count }, (_, i) => event(i)), page: number, size: PAGE_SIZE, total };
}

/** Lets a router navigation finish without waiting for the requests the test answers. */
async function settle(fixture: { detectChanges(): void }) {
  for (let i = 0; i < 5; i++) {
    await new Promise((resolve) => setTimeout(resolve));
    fixture.detectChanges();
  }
}

describe('EventList', () => {
  let http: HttpTestingController;

  function render() {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    return create();
  }

  function create() {
    TestBed.inject(ViewerZone).zone.set('Asia/Kolkata');
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(EventList);
    // Not whenStable(): the pending request keeps the app unstable until a test answers it.
    fixture.detectChanges();
    return fixture;
  }

  async function answer(fixture: ReturnType<typeof render>, body: object, status = 200) {
    const request = http.expectOne((r) => r.url === '/events');
    request.flush(body, { status, statusText: status === 200 ? 'OK' : 'Service Unavailable' });
    await fixture.whenStable();
    fixture.detectChanges();
    return request.request.params;
  }

  afterEach(() => http.verify());

  it('shows price, seats left and sold out on each card', async () => {
    const fixture = render();
    await answer(fixture, page(1, 2));
    const text = (fixture.nativeElement as HTMLElement).textContent ?? '';
    expect(text).toContain('₹499.00');
    expect(text).toContain('12 seats left');
    expect(text).toContain('Sold out');
  });

  it('pages through the events', async () => {
    const fixture = render();
    const first = await answer(fixture, page(1, PAGE_SIZE + 1));
    expect(first.get('page')).toBe('1');
    const element = fixture.nativeElement as HTMLElement;
    expect(element.textContent).toContain('Page 1 of 2');

    const next = [...element.querySelectorAll('button')].find((b) => b.textContent?.includes('Next page'));
    next?.click();
    await settle(fixture);
    const second = await answer(fixture, page(2, PAGE_SIZE + 1));

    expect(second.get('page')).toBe('2');
    expect(element.textContent).toContain('Page 2 of 2');
  });

  it('shows a total the API only bounded as more than the bound', async () => {
    const fixture = render();
    await answer(fixture, { ...page(1, 1001), total_is_exact: false });
    const text = (fixture.nativeElement as HTMLElement).textContent ?? '';
    expect(text).toContain('1,000+ events');
    expect(text).not.toContain('1001');
  });

    it('says when nothing matches', async () => {
    const fixture = render();
    await answer(fixture, page(1, 0));
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('No events match these filters.');
  });

  it('shows the problem in plain words and offers to try again', async () => {
    const fixture = render();
    await answer(fixture, { title: 'Database unavailable', detail: 'try again shortly' }, 503);
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('[role=alert]')?.textContent).toContain('Database unavailable');
    expect(element.textContent).toContain('try again shortly');

    [...element.querySelectorAll('button')].find((b) => b.textContent?.includes('Retry'))?.click();
    fixture.detectChanges();
    await answer(fixture, page(1, 1));
    expect(element.textContent).toContain('Event 0');
  });

  // Filters in the address
  it('restores the filters and the page from the address', async () => {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    await TestBed.inject(Router).navigateByUrl('/?q=jazz&city=Pune&from=2026-12-01&source=local&page=2&tz=UTC');
    const fixture = create();
    const params = await answer(fixture, page(2, PAGE_SIZE + 1));

    expect(params.get('q')).toBe('jazz');
    expect(params.get('city')).toBe('Pune');
    expect(params.get('source')).toBe('local');
    expect(params.get('page')).toBe('2');
    expect(params.get('from')).toBe('2026-12-01T00:00:00');
    expect(params.get('tz')).toBe('UTC');
    expect(TestBed.inject(ViewerZone).zone()).toBe('UTC');
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector<HTMLInputElement>('#search')?.value).toBe('jazz');
    expect(element.querySelector<HTMLSelectElement>('#source')?.value).toBe('local');
  });

  it('writes a changed filter into the address and starts again at page 1', async () => {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    await TestBed.inject(Router).navigateByUrl('/?page=2&tz=Asia/Kolkata');
    const fixture = create();
    await answer(fixture, page(2, PAGE_SIZE + 1));

    const search = (fixture.nativeElement as HTMLElement).querySelector<HTMLInputElement>('#search')!;
    search.value = 'indie';
    search.dispatchEvent(new Event('input'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    await settle(fixture);
    const params = await answer(fixture, page(1, 1));

    expect(TestBed.inject(Router).url).toBe('/?q=indie&tz=Asia%2FKolkata');
    expect(params.get('q')).toBe('indie');
    expect(params.get('page')).toBe('1');
  });
});
