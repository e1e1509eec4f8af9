import { Metrics } from './metrics';

/** The value of one sample line of the exposition text, or undefined when absent. */
function sample(text: string, line: string): number | undefined {
  const found = text.split('\n').find((l) => l.startsWith(`${line} `));
  return found === undefined ? undefined : Number(found.slice(line.length + 1));
}

describe('Metrics', () => {
  it('computes scrape gauges at each scrape, with labels and help', async () => {
    const metrics = new Metrics();
    let depth = 3;
    metrics.scrapeGauge({ name: 'ratsweg_test_depth', help: 'A test depth', labelNames: ['queue'] }, () => [
      { labels: { queue: 'outbox' }, value: depth },
    ]);
    const first = await metrics.render();
    expect(first).toContain('# HELP ratsweg_test_depth A test depth');
    expect(first).toContain('# TYPE ratsweg_test_depth gauge');
    expect(sample(first, 'ratsweg_test_depth{queue="outbox"}')).toBe(3);
    depth = 7;
    expect(sample(await metrics.render(), 'ratsweg_test_depth{queue="outbox"}')).toBe(7);
  });

  it('still answers when a probe fails or hangs: that gauge is NaN and the error counted', async () => {
    const metrics = new Metrics();
    let fail = false;
    metrics.scrapeGauge({ name: 'ratsweg_test_ok', help: 'ok' }, () => [{ value: 1 }]);
    metrics.scrapeGauge({ name: 'ratsweg_test_db', help: 'db' }, async () => {
      if (fail) throw new Error('connect ECONNREFUSED');
      return [{ value: 5 }];
    });
    metrics.scrapeGauge({ name: 'ratsweg_test_slow', help: 'slow', timeoutMs: 50 }, () => new Promise(() => undefined));
    expect(sample(await metrics.render(), 'ratsweg_test_db')).toBe(5);
    fail = true;
    const text = await metrics.render();
    expect(sample(text, 'ratsweg_test_ok')).toBe(1);
    // Unknown, not 0 (which would look like an empty backlog).
    expect(sample(text, 'ratsweg_test_db')).toBeNaN();
    expect(sample(text, 'ratsweg_test_slow')).toBeNaN();
    // The counter is written while the gauges still collect: a failure shows from the next scrape on.
    const next = await metrics.render();
    expect(sample(next, 'ratsweg_scrape_errors_total{gauge="ratsweg_test_db"}')).toBe(1);
    expect(sample(next, 'ratsweg_scrape_errors_total{gauge="ratsweg_test_slow"}')).toBe(2);
    expect(sample(next, 'ratsweg_scrape_errors_total{gauge="ratsweg_test_ok"}')).toBeUndefined();
  });

  it('keeps each instance apart (several apps in one process)', async () => {
    const a = new Metrics();
    const b = new Metrics();
    a.mailSent.inc({ kind: 'released' });
    expect(sample(await a.render(), 'ratsweg_mail_sent_total{kind="released"}')).toBe(1);
    expect(sample(await b.render(), 'ratsweg_mail_sent_total{kind="released"}')).toBeUndefined();
  });
});
