import { serverFieldErrors } from './server-field-errors';

describe('serverFieldErrors', () => {
  it('puts each of the API’s field errors on its form field', () => {
    const errors = serverFieldErrors(
      {
        errors: [
          { field: 'start_time', message: 'must not be in the past' },
          { field: 'tags[2]', message: 'too long' },
          { field: 'something_else', message: 'ignored' },
        ],
      },
      '',
    );
    expect(errors).toEqual({ start: 'must not be in the past', tags: 'too long' });
  });

  it('puts a capacity below the seats sold on Capacity', () => {
    const detail = 'capacity 1 is below the 2 seats already taken';
    expect(serverFieldErrors({ type: '/problems/capacity-below-seats-taken' }, detail)).toEqual({ capacity: detail });
  });
});
