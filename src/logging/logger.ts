import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs on stdout: a constant message plus attributes, child loggers per component. */
export function createLogger(level: string, component: string): Logger {
  return pino({ level, base: { component }, timestamp: pino.stdTimeFunctions.isoTime });
}
