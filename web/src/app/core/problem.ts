import { HttpErrorResponse } from '@angular/common/http';

import { ProblemBody } from './api-types';

/** Every failed call as one error the pages show in plain words. */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly body: ProblemBody = {},
  ) {
    super(detail ? `${title}: ${detail}` : title);
  }

  /** Status 0 is the browser's way of saying the request never got an answer. */
  get offline(): boolean {
    return this.status === 0;
  }
}

export function toProblem(error: unknown): Problem {
  if (error instanceof Problem) {
    return error;
  }
  if (!(error instanceof HttpErrorResponse)) {
    return new Problem(0, 'Something went wrong', String(error));
  }
  if (error.status === 0) {
    return new Problem(0, 'No connection', 'The server could not be reached. Check your network.');
  }
  const body: ProblemBody = isProblemBody(error.error) ? error.error : {};
  const title = body.title ?? (error.statusText || `Error ${error.status}`);
  return new Problem(error.status, title, body.detail ?? '', body);
}

function isProblemBody(value: unknown): value is ProblemBody {
  return typeof value === 'object' && value !== null && ('title' in value || 'detail' in value);
}
