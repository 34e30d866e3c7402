import { importHandlers } from '../../src/composition.ts';
import type { DbOrTrx } from '../../src/db/database.ts';
import { importRecords, parseImportText } from '../../src/interchange/importer.ts';
import { systemActor } from '../../src/shared/actor.ts';
import type { Clock } from '../../src/shared/clock.ts';
import { testClock } from './index.ts';

/**
 * Records of the interchange format (docs: ../shared/spec/interchange.md) for fixtures: tests describe their data as
 * an agency would import it, and load it through the real importer.
 */

/** An application received in person from a natural person, with its clock events; override any field. */
export const applicationRecord = (agency: string, ref: string, receivedOn: string, events: unknown[] = [], o: Record<string, unknown> = {}) => ({
  kind: 'application',
  agency,
  ref,
  receivedOn,
  channel: 'in_person',
  applicantType: 'natural_person',
  subject: '某项信息',
  events,
  ...o,
});

/** A published document with a plain body; override any field (category, dates, validity, …). */
export const documentRecord = (agency: string, ref: string, o: Record<string, unknown> = {}) => ({
  kind: 'document',
  agency,
  ref,
  title: `文件${ref}`,
  body: '<p>正文</p>',
  topic: '工业和信息化',
  ...o,
});

/** The answer event closing a case on a date with an outcome code. */
export const closedEvent = (on: string, outcome: string) => ({ type: 'closed', on, outcome });

/** Imports the records (all or nothing) as the system. */
export function importFixtures(db: DbOrTrx, records: readonly unknown[], clock: Clock = testClock) {
  return importRecords({ db, clock }, systemActor(), importHandlers, parseImportText(records.map((r) => JSON.stringify(r)).join('\n')), {
    replace: false,
  });
}
