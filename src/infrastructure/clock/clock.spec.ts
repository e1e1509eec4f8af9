import { SystemClock } from './clock';

describe('SystemClock', () => {
  it('runs in real time without a start', () => {
    let real = 1_000;
    const clock = new SystemClock(undefined, () => real);
    expect(clock.now().getTime()).toBe(1_000);
    real = 1_500;
    expect(clock.now().getTime()).toBe(1_500);
  });

  it('starts at CLOCK_START and runs on from there', () => {
    let real = Date.parse('2026-11-26T10:00:00Z');
    const clock = new SystemClock(new Date('2021-08-16T08:00:00+02:00'), () => real);
    expect(clock.now().toISOString()).toBe('2021-08-16T06:00:00.000Z');
    real += 90_000;
    expect(clock.now().toISOString()).toBe('2021-08-16T06:01:30.000Z');
  });
});
