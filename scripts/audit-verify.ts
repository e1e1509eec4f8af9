import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { parseEnvironment } from '../src/infrastructure/config/app-config';
import { ConfigurationError } from '../src/infrastructure/config/configuration-error';
import { dataSourceOptions } from '../src/infrastructure/database/data-source-options';
import { verifyAll } from '../src/workflow/audit/verify-all';
import { startRuntime } from '../src/runtime';

/**
 * npm run audit:verify — walks every subject's hash chain (on DATABASE_URL, or the
 * embedded database) and names each first broken link. Exits 1 when one is broken.
 */
async function main(): Promise<void> {
  const runtime = await startRuntime(parseEnvironment(process.env));
  const dataSource = new DataSource(dataSourceOptions(runtime.config.databaseUrl));
  try {
    await dataSource.initialize();
    const report = await verifyAll(dataSource.manager);
    for (const b of report.broken.slice(0, 50)) {
      console.log(`BROKEN ${b.subjectType} ${b.subjectId}: seq ${b.seq}: ${b.reason}`);
    }
    if (report.broken.length > 50) console.log(`… and ${report.broken.length - 50} more`);
    console.log(`${report.subjects} subjects, ${report.entries} entries verified; ${report.broken.length} broken`);
    process.exitCode = report.broken.length ? 1 : 0;
  } finally {
    await dataSource.destroy().catch(() => undefined);
    await runtime.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigurationError ? error.message : `audit:verify failed: ${(error as Error).message}`);
  process.exit(2);
});
