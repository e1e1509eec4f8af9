/** A string with something in it besides white space: what every required text field must be. */
export function isNonBlank(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}
