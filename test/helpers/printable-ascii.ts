// An arbitrary shared by the property tests of hostile requests.
import fc from 'fast-check';

/** Printable ASCII, what any HTTP client can put in a header value. */
export const printable = (maxLength: number) =>
  fc.string({
    unit: fc.constantFrom(...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i))),
    maxLength,
  });
