/**
 * A start-up configuration problem. `message` is one line that names the
 * environment variable, so an operator can fix it without reading a stack trace.
 */
export class ConfigurationError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`Configuration error: ${variable}: ${detail}`);
    this.name = 'ConfigurationError';
  }
}
