import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';

import { BookingForm } from './booking-form';

describe('BookingForm quantity', () => {
  function quantity() {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    const fixture = TestBed.createComponent(BookingForm);
    fixture.componentRef.setInput('eventId', 'e1');
    return fixture.componentInstance.quantity;
  }

  it('accepts 1 to 10 tickets', () => {
    const control = quantity();
    for (const value of [1, 10]) {
      control.setValue(value);
      expect(control.valid).toBe(true);
    }
  });

  it('refuses none, a negative number or more than 10', () => {
    const control = quantity();
    for (const value of [0, -1, 11]) {
      control.setValue(value);
      expect(control.valid).toBe(false);
    }
  });
});
