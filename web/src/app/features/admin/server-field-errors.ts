import { ProblemBody } from '../../core/api-types';
import { DraftField, FieldErrors } from './event-rules';

const WIRE_FIELDS: Readonly<Record<string, DraftField>> = {
  title: 'title',
  description: 'description',
  location: 'location',
  city: 'city',
  start_time: 'start',
  end_time: 'end',
  timezone: 'timeZone',
  capacity: 'capacity',
  price: 'price',
  currency: 'currency',
  tags: 'tags',
  registration_requires_sign_in: 'requiresSignIn',
};

/**
 * The server's refusals by form field: problem+json `errors` name the API's fields
 * (`start_time`, `tags[2]`); a capacity below the seats already sold is a 409 without them.
 */
export function serverFieldErrors(body: ProblemBody, detail: string): FieldErrors {
  const errors: FieldErrors = {};
  for (const error of body.errors ?? []) {
    const name = String(error.field ?? '').replace(/^(\$\.|data\.)/, '').split(/[.[]/)[0];
    const field = WIRE_FIELDS[name];
    if (field && !errors[field]) {
      errors[field] = error.message;
    }
  }
  if (body.type?.endsWith('capacity-below-seats-taken')) {
    errors.capacity = detail;
  }
  return errors;
}
