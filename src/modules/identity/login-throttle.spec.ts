import { LoginThrottle } from './login-throttle';

describe('LoginThrottle', () => {
  let now: number;
  let throttle: LoginThrottle;
  beforeEach(() => {
    now = 1_000_000;
    throttle = new LoginThrottle(5, 60_000, () => now);
  });

  it('allows four failures and blocks the fifth attempt onwards until the window passes', () => {
    for (let i = 0; i < 4; i++) throttle.recordFailure('clerk', '10.0.0.1');
    expect(throttle.retryAfterSeconds('clerk', '10.0.0.1')).toBe(0);
    throttle.recordFailure('clerk', '10.0.0.1');
    expect(throttle.retryAfterSeconds('clerk', '10.0.0.1')).toBe(60);
    now += 30_000;
    expect(throttle.retryAfterSeconds('clerk', '10.0.0.1')).toBe(30);
    now += 30_001;
    expect(throttle.retryAfterSeconds('clerk', '10.0.0.1')).toBe(0);
  });

  it('blocks the username from every address', () => {
    for (let i = 0; i < 5; i++) throttle.recordFailure('clerk', `10.0.0.${i}`);
    expect(throttle.retryAfterSeconds('clerk', '192.168.1.1')).toBeGreaterThan(0);
    expect(throttle.retryAfterSeconds('fbl', '192.168.1.1')).toBe(0);
  });

  it('blocks an address that tries many usernames', () => {
    for (let i = 0; i < 20; i++) throttle.recordFailure(`user${i}`, '10.0.0.9');
    expect(throttle.retryAfterSeconds('someone-else', '10.0.0.9')).toBeGreaterThan(0);
    expect(throttle.retryAfterSeconds('someone-else', '10.0.0.8')).toBe(0);
  });

  it('clears the username after a successful login', () => {
    for (let i = 0; i < 4; i++) throttle.recordFailure('clerk', '10.0.0.1');
    throttle.recordSuccess('clerk');
    throttle.recordFailure('clerk', '10.0.0.2');
    expect(throttle.retryAfterSeconds('clerk', '10.0.0.2')).toBe(0);
  });
});
