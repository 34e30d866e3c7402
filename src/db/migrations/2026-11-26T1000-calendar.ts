import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';

/** One seed year: [date, 'holiday' | 'workday', name?] per day that differs from Monday–Friday. */
type SeedYear = { year: number; source: string; days: [string, string, string?][] };

// The seed as chinese-days 1.5.7 gave it when this migration landed, frozen here: a migration imports no module code.
const SEED_FILE = new URL('./data/2026-11-26T1000-calendar-seed.json', import.meta.url);

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('calendar_years')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('calendar_days')
    .addColumn('date', 'text', (c) => c.primaryKey())
    .addColumn('year', 'integer', (c) => c.notNull().references('calendar_years.year').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .execute();
  await db.schema.createIndex('calendar_days_year').on('calendar_days').columns(['year']).execute();

  // Seed 2004–2026 from chinese-days (MIT); later years are loaded by an administrator when their notice is out.
  const now = new Date().toISOString();
  const seed = JSON.parse(readFileSync(SEED_FILE, 'utf8')) as SeedYear[];
  for (const a of seed) {
    await db.insertInto('calendar_years').values({ year: a.year, source: a.source, updated_at: now }).execute();
    const rows = a.days.map(([date, kind, name]) => ({ date, year: a.year, kind, name: name ?? null }));
    for (let i = 0; i < rows.length; i += 200)
      await db
        .insertInto('calendar_days')
        .values(rows.slice(i, i + 200))
        .execute();
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('calendar_days').execute();
  await db.schema.dropTable('calendar_years').execute();
}
