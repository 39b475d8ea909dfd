import { safeNext } from './login-page';

describe('safeNext', () => {
  it('goes back to a page of the UI', () => {
    expect(safeNext('/events/42')).toBe('/events/42');
  });

  it('never leaves the UI after signing in', () => {
    expect(safeNext('https://evil.example/')).toBe('/');
    expect(safeNext('//evil.example/')).toBe('/');
    expect(safeNext(undefined)).toBe('/');
  });
});
