/**
 * The public site's footer (国办发〔2017〕47号): the platform's fields and each agency's, an agency's set fields over
 * the platform's; saved by the superadmin (platform) or the agency's admins, audited, every cached page dropped.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { canOnAgency } from '../agencies/agencies.policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { DbOrTrx } from '../db/database.ts';
import type { Agency } from '../db/schema.ts';
import { inTransaction } from '../db/tx.ts';
import type { Actor } from '../shared/actor.ts';
import type { Clock } from '../shared/clock.ts';
import { forbidden } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { keepAbsent, optionalText, parseInput } from '../shared/validation.ts';
import { bumpContentVersion } from '../web/content-version.ts';
import { type SiteFooter, withSiteFooter } from '../web/site-frame.ts';
import type { SiteFramesTable } from './site-frame.tables.ts';

export const PLATFORM_SCOPE = 'platform';
export const agencyScope = (agencyId: number) => `agency:${agencyId}`;

const FIELDS = ['sponsor', 'organizer', 'siteCode', 'icpRecord', 'psbRecord', 'address', 'phone'] as const;
export type SiteFrameFields = Record<(typeof FIELDS)[number], string | null>;

export const siteFrameSchema = z.object({
  sponsor: optionalText(100),
  organizer: optionalText(100),
  siteCode: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v),
    z
      .string()
      .regex(/^[0-9A-Za-z]{10}$/, t.frame.console.badSiteCode)
      .optional(),
  ),
  icpRecord: optionalText(60),
  psbRecord: optionalText(60),
  address: optionalText(200),
  phone: optionalText(50),
});

const EMPTY: SiteFrameFields = { sponsor: null, organizer: null, siteCode: null, icpRecord: null, psbRecord: null, address: null, phone: null };

/** The saved fields of one scope (all null when never saved). */
export async function siteFrame(db: DbOrTrx, scope: string): Promise<SiteFrameFields> {
  const row = await db.selectFrom('siteFrames').selectAll().where('scope', '=', scope).executeTakeFirst();
  if (!row) return { ...EMPTY };
  return Object.fromEntries(FIELDS.map((f) => [f, row[f]])) as SiteFrameFields;
}

export const siteFrameForm = (f: SiteFrameFields): Record<string, string> => Object.fromEntries(FIELDS.map((k) => [k, f[k] ?? '']));

/** What a page's footer shows: the agency's fields over the platform's; the agency's own address and phone before the platform's. */
export function effectiveFooter(
  platform: SiteFrameFields,
  agencyFrame: SiteFrameFields | null,
  agency: Pick<Agency, 'code' | 'address' | 'phone'> | null,
): SiteFooter {
  const pick = (k: (typeof FIELDS)[number], own?: string | null) => agencyFrame?.[k] ?? own ?? platform[k];
  return {
    sponsor: pick('sponsor'),
    organizer: pick('organizer'),
    siteCode: pick('siteCode'),
    icpRecord: pick('icpRecord'),
    psbRecord: pick('psbRecord'),
    address: pick('address', agency?.address),
    phone: pick('phone', agency?.phone),
    sitemapHref: agency ? `/gk/${agency.code}/sitemap` : '/sitemap',
  };
}

/**
 * Saves a scope's fields: the platform's (superadmin) or an agency's (its admins). A field absent from the input keeps
 * its value; a save that changes nothing writes nothing. Every page carries the footer, so the content versions move:
 * the agency's, or every agency's for the platform.
 */
export async function saveSiteFrame(
  deps: { db: DbOrTrx; clock: Clock },
  actor: Actor,
  agencyId: number | null,
  input: Record<string, unknown>,
): Promise<SiteFrameFields> {
  const allowed =
    agencyId === null ? actor.kind === 'system' || (actor.kind === 'user' && actor.isSuperadmin) : canOnAgency(actor, 'edit-facts', { id: agencyId });
  if (!allowed) throw forbidden(t.frame.console.adminOnly);
  const scope = agencyId === null ? PLATFORM_SCOPE : agencyScope(agencyId);
  return inTransaction(deps.db, async (trx) => {
    const before = await siteFrame(trx, scope);
    const data = parseInput(siteFrameSchema, keepAbsent(siteFrameForm(before), input));
    const after = Object.fromEntries(FIELDS.map((k) => [k, data[k] ?? null])) as SiteFrameFields;
    if (FIELDS.every((k) => after[k] === before[k])) return before;
    const now = deps.clock.now().toISOString();
    await trx
      .insertInto('siteFrames')
      .values({ scope, ...after, updatedAt: now } satisfies SiteFramesTable)
      .onConflict((oc) => oc.column('scope').doUpdateSet({ ...after, updatedAt: now }))
      .execute();
    const agencies = await trx
      .selectFrom('agencies')
      .select('code')
      .$if(agencyId !== null, (q) => q.where('id', '=', agencyId ?? 0))
      .execute();
    for (const a of agencies) await bumpContentVersion(trx, a.code);
    await recordAudit(trx, deps.clock, { actor, agencyId, action: 'site_frame.save', entityType: 'site_frame', entityId: scope, before, after });
    return after;
  });
}

// No footer for the console, the API, files, health checks and the XML sitemaps (no page of theirs has one).
const PUBLIC_SKIP = /^\/(?:admin|api|assets|health|healthz|readyz|sitemap\.xml|sitemaps)(?:\/|$)/;
const AGENCY_PATH = /^\/gk\/([a-z][a-z0-9-]{1,31})(?:\/|$)/;

/**
 * Loads the footer for every public request and runs the handler with it (PortalLayout reads it from the context).
 * The platform's and each agency's footer are kept for pageCacheMs and forgotten on any write in this process, like
 * the public pages, so a cached page costs no query.
 */
export function registerSiteFooter(app: FastifyInstance): void {
  const { db, config } = app.deps;
  const cache = new Map<string, { footer: SiteFooter; until: number }>();
  const load = async (code: string | null): Promise<SiteFooter> => {
    const key = code ?? '';
    const now = Date.now();
    const hit = cache.get(key);
    if (hit && hit.until > now) return hit.footer;
    const agency = code ? await db.selectFrom('agencies').select(['id', 'code', 'address', 'phone']).where('code', '=', code).executeTakeFirst() : undefined;
    const [platform, own] = await Promise.all([siteFrame(db, PLATFORM_SCOPE), agency ? siteFrame(db, agencyScope(agency.id)) : null]);
    const footer = effectiveFooter(platform, own, agency ?? null);
    if (config.pageCacheMs > 0) {
      if (cache.size > 10_000) cache.clear();
      cache.set(key, { footer, until: now + config.pageCacheMs });
    }
    return footer;
  };
  app.addHook('preHandler', (request, _reply, done) => {
    const path = request.url.split('?')[0] ?? '';
    if (PUBLIC_SKIP.test(path)) return done();
    load(AGENCY_PATH.exec(path)?.[1] ?? null).then(
      (footer) => withSiteFooter(footer, done),
      // A footer that cannot be read must not take the page down: it shows the site map's link only.
      () => done(),
    );
  });
  app.addHook('onResponse', (request, reply, done) => {
    if (request.method !== 'GET' && request.method !== 'HEAD' && reply.statusCode < 400) cache.clear();
    done();
  });
}
