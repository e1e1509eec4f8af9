import { LoginThrottle } from './login-throttle';

describe('LoginThrottle', () => {
  let now: number;
  let throttle: LoginThrottle;
  const fail = (username: string, times: number, address = '10.0.0.1') => {
    for (let i = 0; i < times; i++) throttle.recordFailure(username, address);
  };
  beforeEach(() => {
    now = 1_000_000;
    throttle = new LoginThrottle({}, () => now);
  });

  describe('per account', () => {
    it('lets four failures pass and locks the account for 30 s from the fifth on', () => {
      fail('clerk', 4);
      expect(throttle.accountWaitSeconds('clerk')).toBe(0);
      fail('clerk', 1);
      expect(throttle.accountWaitSeconds('clerk')).toBe(30);
      now += 20_000;
      expect(throttle.accountWaitSeconds('clerk')).toBe(10);
      now += 10_000;
      expect(throttle.accountWaitSeconds('clerk')).toBe(0);
    });

    it('doubles the lock with every further failure, up to 15 minutes', () => {
      fail('clerk', 4);
      const waits: number[] = [];
      for (let failure = 5; failure <= 12; failure++) {
        fail('clerk', 1);
        waits.push(throttle.accountWaitSeconds('clerk'));
        now += waits.at(-1)! * 1000;
      }
      expect(waits).toEqual([30, 60, 120, 240, 480, 900, 900, 900]);
    });

    it('locks the account from every address', () => {
      for (let i = 0; i < 5; i++) throttle.recordFailure('clerk', `10.0.0.${i}`);
      expect(throttle.accountWaitSeconds('clerk')).toBeGreaterThan(0);
      expect(throttle.accountWaitSeconds('fbl')).toBe(0);
    });

    it('clears the account after a successful login', () => {
      fail('clerk', 4);
      throttle.recordSuccess('clerk');
      fail('clerk', 4);
      expect(throttle.accountWaitSeconds('clerk')).toBe(0);
    });

    it('forgets the failures after a day without one', () => {
      fail('clerk', 7);
      now += 24 * 3600_000;
      expect(throttle.accountWaitSeconds('clerk')).toBe(0);
      fail('clerk', 1);
      expect(throttle.accountWaitSeconds('clerk')).toBe(0);
    });
  });

  describe('per address', () => {
    it('never locks an account that has not failed itself, whatever the address did', () => {
      for (let i = 0; i < 600; i++) throttle.recordFailure(`user${i}`, '10.0.0.9');
      expect(throttle.accountWaitSeconds('someone-else')).toBe(0);
    });

    it('flags an address only after 500 failures within 15 minutes, and for the rest of the window', () => {
      for (let i = 0; i < 499; i++) throttle.recordFailure(`user${i % 100}`, '10.0.0.9');
      expect(throttle.addressWaitSeconds('10.0.0.9')).toBe(0);
      throttle.recordFailure('user-last', '10.0.0.9');
      expect(throttle.addressWaitSeconds('10.0.0.9')).toBe(900);
      expect(throttle.addressWaitSeconds('10.0.0.8')).toBe(0);
      now += 900_001;
      expect(throttle.addressWaitSeconds('10.0.0.9')).toBe(0);
    });

    it('does not count 25 failures of one office against the address', () => {
      for (let i = 0; i < 25; i++) throttle.recordFailure(`user${i % 7}`, '10.0.0.9');
      expect(throttle.addressWaitSeconds('10.0.0.9')).toBe(0);
    });
  });

  it('keeps at most maxEntries accounts, dropping the longest quiet ones first', () => {
    throttle = new LoginThrottle({ maxEntries: 3 }, () => now);
    for (const user of ['a', 'b', 'c', 'd']) {
      fail(user, 5);
      now += 1;
    }
    expect(throttle.accountWaitSeconds('a')).toBe(0);
    expect(throttle.accountWaitSeconds('d')).toBeGreaterThan(0);
  });
});
