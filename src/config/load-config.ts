import { config as loadDotenv } from 'dotenv';
import { type Config, ConfigError, parseConfig } from './config.js';

/**
 * Reads `.env` (without overriding real environment variables) and validates the result. On an invalid value it
 * prints the problems and exits, since no component can run half-configured.
 */
export function loadConfig(): Config {
  loadDotenv({ quiet: true });
  try {
    return parseConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
}
