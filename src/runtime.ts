import type { Config } from './config.ts';
import { type DatabaseHandle, openDatabase } from './db/database.ts';
import { migrateToLatest, schemaFromPgOptions } from './db/migrate.ts';

/** Opens the configured database and brings its schema up to date; what every command starts with. */
export async function openRuntime(config: Config): Promise<DatabaseHandle> {
  const handle = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, pgOptions: config.pgOptions });
  try {
    await migrateToLatest(handle.db, { pgSchema: schemaFromPgOptions(config.pgOptions) });
  } catch (error) {
    await handle.destroy();
    throw error;
  }
  return handle;
}
