import Redis from 'ioredis';
import { redactUrl } from '../config/app-config';
import { ConfigurationError } from '../config/configuration-error';
import { redisConnectionOptions } from './queue-backend';

/** Fails fast, naming REDIS_URL, when Redis cannot be reached. */
export async function probeRedis(url: string): Promise<void> {
  const client = new Redis({
    ...redisConnectionOptions(url),
    lazyConnect: true,
    connectTimeout: 5000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  let lastError: Error | undefined;
  client.on('error', (error: Error) => (lastError = error));
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new ConfigurationError('REDIS_URL', `cannot use ${redactUrl(url)}: ${(lastError ?? (error as Error)).message}`);
  } finally {
    client.disconnect();
  }
}
