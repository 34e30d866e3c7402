import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Kysely, type Migration, type MigrationProvider, type MigrationResult, Migrator, sql } from 'kysely';
import { dialectOf } from './dialect.ts';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Loads every timestamp-named migration file of src/db/migrations, in name order. */
class FolderMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = fs
      .readdirSync(MIGRATIONS_DIR)
      .filter((f) => /^\d{4}-\d{2}-\d{2}.*\.ts$/.test(f) && !f.endsWith('.test.ts'))
      .sort();
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      migrations[file.replace(/\.ts$/, '')] = (await import(pathToFileURL(path.join(MIGRATIONS_DIR, file)).href)) as Migration;
    }
    return migrations;
  }
}

/** The first schema of a `-c search_path=…` option, where the platform's tables live. */
export function schemaFromPgOptions(pgOptions: string | undefined): string | undefined {
  return pgOptions ? /search_path\s*=\s*"?([A-Za-z_][A-Za-z0-9_]*)/.exec(pgOptions)?.[1] : undefined;
}

/** Brings the schema up to date on either dialect; throws with the failing migration's name. */
// biome-ignore lint/suspicious/noExplicitAny: the migrator works below the typed schema.
export async function migrateToLatest(db: Kysely<any>, options: { pgSchema?: string | undefined } = {}): Promise<MigrationResult[]> {
  // Name the schema on PostgreSQL: Kysely's table check otherwise sees another schema's migration tables.
  const schema =
    dialectOf(db) === 'postgres'
      ? (options.pgSchema ?? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema)
      : undefined;
  const migrator = new Migrator({ db, provider: new FolderMigrationProvider(), ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`数据库迁移失败${failed ? `（${failed.migrationName}）` : ''}：${reason}`);
  }
  return results ?? [];
}
