import { refusalFromFragment, rememberNext, takeNext, tokenFromFragment } from './provider-sign-in';

describe('signing in through the identity provider', () => {
  beforeEach(() => sessionStorage.clear());

  it('reads the token the callback puts after #', () => {
    expect(tokenFromFragment('#access_token=abc.def&token_type=bearer&expires_in=1800')).toEqual({
      token: 'abc.def',
      expiresIn: 1800,
    });
  });

  it('refuses a fragment without a usable token', () => {
    expect(tokenFromFragment('')).toBeNull();
    expect(tokenFromFragment('#token_type=bearer&expires_in=1800')).toBeNull();
    expect(tokenFromFragment('#access_token=abc&token_type=mac&expires_in=1800')).toBeNull();
    expect(tokenFromFragment('#access_token=abc&token_type=bearer&expires_in=soon')).toBeNull();
  });

  it('comes back to the page it left from, once', () => {
    rememberNext('/events/42');
    expect(takeNext()).toBe('/events/42');
    expect(takeNext()).toBe('/');
  });

  it('never comes back to another site', () => {
    rememberNext('https://evil.example/');
    expect(takeNext()).toBe('/');
    sessionStorage.setItem('boxoffice.sign-in-next', '//evil.example/');
    expect(takeNext()).toBe('/');
  });

  it('says why the sign-in was refused when the API says it', () => {
    const fragment = '#error=sign_in_failed&error_description=the+identity+provider+said+access_denied';
    expect(tokenFromFragment(fragment)).toBeNull();
    expect(refusalFromFragment(fragment)).toBe('the identity provider said access_denied');
    expect(refusalFromFragment('#access_token=abc')).toBeNull();
  });
});
