/** Everything the 公开指南 is generated from, read at once: the agency, its 科室, parent, settings and sections. */

import { applicationSettings } from '../applications/settings.queries.ts';
import type { DbOrTrx } from '../db/database.ts';
import type { Agency } from '../db/schema.ts';
import { getDisclosureSettings } from '../documents/oversight/oversight.queries.ts';
import type { GuideData, GuideSettings } from './guide.model.ts';
import { GUIDE_SECTIONS, type GuideSectionKey, type GuideSectionsTable } from './guide.tables.ts';

const NO_SETTINGS: GuideSettings = {
  functions: null,
  mailingAddress: null,
  receptionAddress: null,
  acceptsEmail: false,
  feePayment: null,
  supervisor: null,
  supervisorPhone: null,
  complaintChannels: null,
  reviewPhone: null,
  courtPhone: null,
  updatedAt: null,
};

/** The guide's own facts (all empty when never saved). */
export async function guideSettings(db: DbOrTrx, agencyId: number): Promise<GuideSettings> {
  const row = await db.selectFrom('guideSettings').selectAll().where('agencyId', '=', agencyId).executeTakeFirst();
  if (!row) return { ...NO_SETTINGS };
  const { agencyId: _, acceptsEmail, ...rest } = row;
  return { ...rest, acceptsEmail: Number(acceptsEmail) === 1 };
}

/** The staff's text per section. */
export async function guideSections(db: DbOrTrx, agencyId: number): Promise<Map<GuideSectionKey, GuideSectionsTable>> {
  const rows = await db.selectFrom('guideSections').selectAll().where('agencyId', '=', agencyId).execute();
  return new Map(rows.filter((r) => (GUIDE_SECTIONS as readonly string[]).includes(r.section)).map((r) => [r.section, r]));
}

export async function loadGuide(db: DbOrTrx, agency: Agency): Promise<GuideData> {
  const [departments, parent, app, settings, sections, disclosure] = await Promise.all([
    db.selectFrom('departments').select('name').where('agencyId', '=', agency.id).orderBy('sortOrder').execute(),
    agency.parentId === null ? undefined : db.selectFrom('agencies').select(['name', 'kind']).where('id', '=', agency.parentId).executeTakeFirst(),
    applicationSettings(db, agency.id),
    guideSettings(db, agency.id),
    guideSections(db, agency.id),
    getDisclosureSettings(db, agency.id),
  ]);
  // A whole-guide text saved through the column settings (before this page; the migration moved the stored ones)
  // stands as the 概述 unless staff wrote that section here.
  if (disclosure.guideText && !sections.has('overview')) {
    sections.set('overview', { agencyId: agency.id, section: 'overview', mode: 'replace', body: disclosure.guideText, updatedAt: agency.updatedAt });
  }
  return {
    agency,
    departments: departments.map((d) => d.name),
    parentName: parent?.name ?? null,
    reviewBody: app.reviewBody,
    court: app.court,
    settings,
    sections,
    guideUpdatedOn: disclosure.guideUpdatedOn,
  };
}
