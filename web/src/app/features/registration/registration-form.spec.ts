import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';

import { RegistrationForm } from './registration-form';

describe('RegistrationForm', () => {
  function form() {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    const fixture = TestBed.createComponent(RegistrationForm);
    fixture.componentRef.setInput('eventId', 'e1');
    return fixture.componentInstance.form;
  }

  it('accepts a name and an e-mail address', () => {
    const group = form();
    group.setValue({ name: 'Kavya Menon', email: 'kavya@example.com' });
    expect(group.valid).toBe(true);
  });

  it('refuses a missing or blank name and one over 100 characters', () => {
    const group = form();
    for (const name of ['', '   ', 'x'.repeat(101)]) {
      group.setValue({ name, email: 'kavya@example.com' });
      expect(group.controls.name.valid).toBe(false);
    }
  });

  it('refuses a missing e-mail address or one without an @', () => {
    const group = form();
    for (const email of ['', 'kavya', 'kavya at example.com']) {
      group.setValue({ name: 'Kavya', email });
      expect(group.controls.email.valid).toBe(false);
    }
  });
});
