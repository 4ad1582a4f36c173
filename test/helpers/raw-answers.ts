// The API-wide checks of test/helpers/answers.ts applied to an answer read by test/helpers/raw-http.ts.
import { type Answer, type ErrorAnswer, expectWellFormed } from './answers.js';
import type { RawResponse } from './raw-http.js';

export const answerOf = (res: RawResponse): Answer => ({
  status: res.status,
  contentType: res.headers['content-type'] as string | undefined,
  text: res.text,
  json: res.json,
});

/** Asserts the API-wide properties of a raw answer (see expectWellFormed); returns its error, if any. */
export const wellFormed = (res: RawResponse, request: string, method = 'GET'): ErrorAnswer | undefined =>
  expectWellFormed(answerOf(res), request, method);
