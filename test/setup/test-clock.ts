import { Clock } from '../../src/infrastructure/clock/clock';

/** A clock a test sets by hand, for replaying a procedure's real dates within one app. */
export class TestClock extends Clock {
  private current: Date;

  constructor(start: string | Date) {
    super();
    this.current = new Date(start);
  }

  set(instant: string | Date): void {
    this.current = new Date(instant);
  }

  now(): Date {
    return new Date(this.current);
  }
}
