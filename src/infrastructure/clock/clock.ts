/**
 * The one source of "now" for business rules. With CLOCK_START the clock starts at
 * that instant when the process starts and runs on in real time, so a demo or an
 * acceptance run can replay a procedure's real dates (CONTRACT.md).
 */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  private readonly offsetMs: number;

  constructor(
    start?: Date,
    private readonly realNow: () => number = Date.now,
  ) {
    super();
    this.offsetMs = start ? start.getTime() - realNow() : 0;
  }

  now(): Date {
    return new Date(this.realNow() + this.offsetMs);
  }
}
