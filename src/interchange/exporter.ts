import type { DbOrTrx } from '../db/database.ts';

/** How one kind of record is exported as JSON Lines: records of an agency (optionally one year), in a stable order. */
export type ExportHandler = {
  kind: string;
  exportRecords(db: DbOrTrx, agencyCode: string, options: { year?: number | undefined; today: string }): AsyncIterable<Record<string, unknown>>;
};
