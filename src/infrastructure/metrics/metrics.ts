import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One sample of a gauge computed on scrape. */
export interface GaugeSample {
  labels?: Record<string, string>;
  value: number;
}

export interface ScrapeGaugeSpec {
  name: string;
  help: string;
  labelNames?: readonly string[];
  timeoutMs?: number;
}

/** A scrape must answer while a dependency hangs: a probe that takes longer leaves its gauge empty. */
export const SCRAPE_PROBE_TIMEOUT_MS = 2_000;

/**
 * ratsweg's Prometheus metrics (`ratsweg_*`), in a registry of their own (not
 * prom-client's global one: the tests run several apps in one process). Counters and
 * histograms are updated where things happen (the workflow service, the outbox relay,
 * deadline firing, mail delivery, HTTP); gauges that need a query are computed on
 * scrape by the module that owns the data (`scrapeGauge`). A probe that fails or
 * times out — the database is down — leaves its gauge out of that scrape (NaN for a
 * gauge without labels) and counts `ratsweg_scrape_errors_total` (seen from the next scrape), so /metrics still
 * answers during an outage.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly transitions = new Counter({
    name: 'ratsweg_transitions_total',
    help: 'Workflow transitions requested, by machine and outcome (committed, refused, conflict: stale version or lost races, failed: an unexpected error)',
    labelNames: ['machine', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly transitionSeconds = new Histogram({
    name: 'ratsweg_transition_duration_seconds',
    help: 'Time from a transition request to its durable write (committed transitions only), by machine',
    labelNames: ['machine'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly refusedEvents = new Counter({
    name: 'ratsweg_refused_events_total',
    help: 'Events the machine or the role rules refused (HTTP 409/403), by machine and event type',
    labelNames: ['machine', 'event'] as const,
    registers: [this.registry],
  });

  readonly outboxRelayed = new Counter({
    name: 'ratsweg_outbox_relayed_total',
    help: 'Outbox rows the relay moved into the outbox queue',
    registers: [this.registry],
  });

  readonly deadlineLagSeconds = new Histogram({
    name: 'ratsweg_deadline_lag_seconds',
    help: 'How late a deadline fired: fired minus due, on the service clock',
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 3600],
    registers: [this.registry],
  });

  readonly mailSent = new Counter({
    name: 'ratsweg_mail_sent_total',
    help: 'Mails the mail server accepted, by notification kind',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  readonly mailFailed = new Counter({
    name: 'ratsweg_mail_failed_total',
    help: 'Mails the mail server did not accept, by notification kind; final="true" when it was the last attempt (a dead letter)',
    labelNames: ['kind', 'final'] as const,
    registers: [this.registry],
  });

  readonly httpResponses = new Counter({
    name: 'ratsweg_http_responses_total',
    help: 'HTTP responses by status code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });

  readonly scrapeErrors = new Counter({
    name: 'ratsweg_scrape_errors_total',
    help: 'Gauges left out of a scrape because their probe failed or took too long, by gauge',
    labelNames: ['gauge'] as const,
    registers: [this.registry],
  });

  /** Node's process metrics (CPU, memory, event-loop lag) with the ratsweg_ prefix. */
  collectProcessMetrics(): void {
    collectDefaultMetrics({ register: this.registry, prefix: 'ratsweg_' });
  }

  /** A gauge whose samples `read` computes at each scrape (a query, queue counts). */
  scrapeGauge(spec: ScrapeGaugeSpec, read: () => GaugeSample[] | Promise<GaugeSample[]>): void {
    const scrapeErrors = this.scrapeErrors;
    new Gauge({
      name: spec.name,
      help: spec.help,
      labelNames: spec.labelNames ?? [],
      registers: [this.registry],
      async collect() {
        this.reset();
        try {
          for (const sample of await withTimeout(Promise.resolve().then(read), spec.timeoutMs ?? SCRAPE_PROBE_TIMEOUT_MS)) {
            this.set(sample.labels ?? {}, sample.value);
          }
        } catch {
          scrapeErrors.inc({ gauge: spec.name });
          // A gauge without labels cannot be left out: NaN says "unknown", where 0 would look healthy.
          if (!spec.labelNames?.length) this.set(Number.NaN);
        }
      },
    });
  }

  /** The exposition text. */
  render(): Promise<string> {
    return this.registry.metrics();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
