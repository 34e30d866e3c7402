import { recordAudit } from '../audit/audit.service.ts';
import type { DbOrTrx } from '../db/database.ts';
import type { Agency } from '../db/schema.ts';
import { inTransaction } from '../db/tx.ts';
import type { Actor } from '../shared/actor.ts';
import type { Clock } from '../shared/clock.ts';
import { DomainError, forbidden, notFound } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { keepAbsent, parseInput } from '../shared/validation.ts';
import { canOnAgency } from './agencies.policy.ts';
import { type AgencyFacts, agencyFactsSchema, createAgencySchema } from './agencies.schema.ts';

type Deps = { db: DbOrTrx; clock: Clock };

function factsToRow(facts: AgencyFacts) {
  return {
    name: facts.name,
    kind: facts.kind,
    creditCode: facts.creditCode ?? null,
    officeName: facts.officeName ?? null,
    address: facts.address ?? null,
    officeHours: facts.officeHours ?? null,
    phone: facts.phone ?? null,
    fax: facts.fax ?? null,
    email: facts.email ?? null,
    postcode: facts.postcode ?? null,
    website: facts.website ?? null,
  };
}

async function resolveParent(db: DbOrTrx, parentCode: string | undefined): Promise<number | null> {
  if (!parentCode) return null;
  const parent = await findAgencyByCode(db, parentCode);
  if (!parent) throw new DomainError('VALIDATION', t.errors.validation, { parentCode: '上级机关不存在' });
  return parent.id;
}

/** Creates an agency (superadmin or system only), audited; refuses a taken or reserved code. */
export async function createAgency({ db, clock }: Deps, actor: Actor, input: unknown): Promise<Agency> {
  if (!canOnAgency(actor, 'create-agency')) throw forbidden();
  const data = parseInput(createAgencySchema, input);
  return inTransaction(db, async (trx) => {
    if (await findAgencyByCode(trx, data.code)) {
      throw new DomainError('CONFLICT', t.agency.codeTaken, { code: t.agency.codeTaken });
    }
    const now = clock.now().toISOString();
    const agency = await trx
      .insertInto('agencies')
      .values({ code: data.code, ...factsToRow(data), parentId: await resolveParent(trx, data.parentCode), createdAt: now, updatedAt: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, clock, { actor, agencyId: agency.id, action: 'agency.create', entityType: 'agency', entityId: agency.id, after: agency });
    return agency;
  });
}

/** An agency's facts as form values ('' for none); what a field absent from a settings submission keeps. */
export function agencyFactsForm(agency: Agency, parentCode: string | null): Record<string, string> {
  const { name, kind, creditCode, officeName, address, officeHours, phone, fax, email, postcode, website } = agency;
  const facts = { name, kind, creditCode, officeName, address, officeHours, phone, fax, email, postcode, website, parentCode };
  return Object.fromEntries(Object.entries(facts).map(([k, v]) => [k, v ?? '']));
}

/**
 * Updates an agency's facts (its admins or the superadmin), audited with the values before and after. A field absent
 * from the input keeps its value (the settings form shows no parent: saving it must not detach the agency).
 */
export async function updateAgencyFacts({ db, clock }: Deps, actor: Actor, agencyId: number, input: unknown): Promise<Agency> {
  if (!canOnAgency(actor, 'edit-facts', { id: agencyId })) throw forbidden();
  return inTransaction(db, async (trx) => {
    const before = await trx.selectFrom('agencies').selectAll().where('id', '=', agencyId).executeTakeFirst();
    if (!before) throw notFound(t.agency.notFound);
    const parent = before.parentId === null ? undefined : await trx.selectFrom('agencies').select('code').where('id', '=', before.parentId).executeTakeFirst();
    const data = parseInput(agencyFactsSchema, keepAbsent(agencyFactsForm(before, parent?.code ?? null), input));
    const parentId = await resolveParent(trx, data.parentCode);
    if (parentId === agencyId) throw new DomainError('VALIDATION', t.errors.validation, { parentCode: '上级机关不能是本机关' });
    const after = await trx
      .updateTable('agencies')
      .set({ ...factsToRow(data), parentId, updatedAt: clock.now().toISOString() })
      .where('id', '=', agencyId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, clock, { actor, agencyId, action: 'agency.update', entityType: 'agency', entityId: agencyId, before, after });
    return after;
  });
}

/** The agency with this code, or undefined. */
export function findAgencyByCode(db: DbOrTrx, code: string): Promise<Agency | undefined> {
  return db.selectFrom('agencies').selectAll().where('code', '=', code).executeTakeFirst();
}

/** The agency with this code or NOT_FOUND. */
export async function getAgencyByCode(db: DbOrTrx, code: string): Promise<Agency> {
  const agency = await findAgencyByCode(db, code);
  if (!agency) throw notFound(t.agency.notFound);
  return agency;
}

/** All agencies, parents before children by name order. */
export function listAgencies(db: DbOrTrx): Promise<Agency[]> {
  return db.selectFrom('agencies').selectAll().orderBy('kind', 'desc').orderBy('name').execute();
}

/** Adds a 科室 to an agency (admins), audited. */
export async function addDepartment({ db, clock }: Deps, actor: Actor, agencyId: number, name: string): Promise<void> {
  if (!canOnAgency(actor, 'manage-departments', { id: agencyId })) throw forbidden();
  const clean = name.trim();
  if (!clean || clean.length > 50) throw new DomainError('VALIDATION', t.errors.validation, { name: '请填写科室名称（50 字以内）' });
  await inTransaction(db, async (trx) => {
    const exists = await trx.selectFrom('departments').select('id').where('agencyId', '=', agencyId).where('name', '=', clean).executeTakeFirst();
    if (exists) throw new DomainError('CONFLICT', '该科室已存在。', { name: '该科室已存在' });
    const count = await trx
      .selectFrom('departments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('agencyId', '=', agencyId)
      .executeTakeFirstOrThrow();
    const row = await trx
      .insertInto('departments')
      .values({ agencyId, name: clean, sortOrder: Number(count.n) })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, clock, { actor, agencyId, action: 'department.create', entityType: 'department', entityId: row.id, after: row });
  });
}

/** The 科室 of an agency in their order. */
export function listDepartments(db: DbOrTrx, agencyId: number) {
  return db.selectFrom('departments').selectAll().where('agencyId', '=', agencyId).orderBy('sortOrder').execute();
}
