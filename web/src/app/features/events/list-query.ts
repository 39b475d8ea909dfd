import { ParamMap, Params } from '@angular/router';

import { EventSource } from '../../core/api-types';

export interface ListFilters {
  readonly q: string;
  readonly from: string;
  readonly to: string;
  readonly city: string;
  readonly source: EventSource | '';
}

export interface ListQuery extends ListFilters {
  readonly page: number;
  /** The zone named in the address, if any; absent: whatever the viewer has chosen. */
  readonly tz: string | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const SOURCES: readonly string[] = ['local', 'ticketmaster'];
const MAX_TEXT = 200;

/** The event list's state as the address says it; anything malformed counts as unset. */
export function readListQuery(params: ParamMap, zones: readonly string[]): ListQuery {
  const text = (name: string) => (params.get(name) ?? '').slice(0, MAX_TEXT);
  const day = (name: string) => (DAY.test(params.get(name) ?? '') ? params.get(name)! : '');
  const source = params.get('source') ?? '';
  const page = Number(params.get('page'));
  const tz = params.get('tz');
  return {
    q: text('q'),
    from: day('from'),
    to: day('to'),
    city: text('city'),
    source: SOURCES.includes(source) ? (source as EventSource) : '',
    page: Number.isInteger(page) && page > 1 ? page : 1,
    tz: tz && zones.includes(tz) ? tz : null,
  };
}

/** The address for that state: only what is set, so the plain list stays `/ui/`. */
export function listQueryParams(filters: ListFilters, page: number, tz: string | null): Params {
  const params: Params = {};
  for (const [key, value] of Object.entries(filters)) {
    const trimmed = String(value).trim();
    if (trimmed) {
      params[key] = trimmed;
    }
  }
  if (page > 1) {
    params['page'] = page;
  }
  if (tz) {
    params['tz'] = tz;
  }
  return params;
}
