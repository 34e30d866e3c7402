/**
 * Forms change only what they show: every console edit form, fetched as the role that uses it and posted back exactly
 * as a browser would submit it unchanged, leaves every table as it was (ignoring updated_at and the audit log). The
 * data is the demo (a department under a people's government, documents, cases, records, reports, figures) plus the
 * facts no form shows (an agency's website, report settings, indicator switches). A last test lists every POST route
 * under /admin and requires each to be one of these edit forms or a named action, so a new form cannot be forgotten.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppeal } from '../../src/appeals/appeals.service.ts';
import { actOnApplication } from '../../src/applications/case.service.ts';
import { updateIndicatorSetting } from '../../src/compliance/compliance.service.ts';
import { indicators, reportSources } from '../../src/composition.ts';
import { loadConfig } from '../../src/config.ts';
import { type DatabaseHandle, type Dialect, openDatabase } from '../../src/db/database.ts';
import { buildDemo, DEMO_PASSWORD } from '../../src/demo/demo.ts';
import { createCleanupRound, recordCleanupDecisions } from '../../src/documents/oversight/oversight.service.ts';
import { startReport } from '../../src/reports/reports.service.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { systemClock } from '../../src/shared/clock.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';
import { encodeForm, formsOf, type RenderedForm } from '../support/forms.ts';

/** The demo built into a throwaway database of the dialect. */
async function createDemoDatabase(dialect: Dialect): Promise<TestDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-forms-'));
  if (dialect === 'sqlite') {
    await buildDemo(loadConfig({ GONGKAI_DATA_DIR: dir, GONGKAI_LOG_LEVEL: 'silent' }));
    const handle: DatabaseHandle = openDatabase({ dataDir: dir });
    return {
      ...handle,
      env: { GONGKAI_DATA_DIR: dir },
      cleanup: async () => {
        await handle.destroy();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const tdb = await createTestDatabase('postgres');
  await buildDemo(loadConfig({ ...tdb.env, GONGKAI_DATA_DIR: dir, GONGKAI_LOG_LEVEL: 'silent' }));
  return {
    ...tdb,
    cleanup: async () => {
      await tdb.cleanup();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Tables a form post may rightly touch without changing any record: the audit trail, sign-in state, caches, search.
const SKIP_TABLES = /^(audit_log|sessions|login_throttle|content_versions|page_views|kysely_migration.*|document_fts.*|settings)$/;
const SKIP_COLUMNS = new Set(['updated_at', 'updatedAt']);

/** Every row of every table (as sorted JSON lines), without the columns a no-op save may touch. */
async function dump(tdb: TestDatabase): Promise<Record<string, string[]>> {
  const tables =
    tdb.dialect === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(tdb.db)
      : await sql<{
          name: string;
        }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(tdb.db);
  const out: Record<string, string[]> = {};
  const read = async (name: string) => {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(tdb.db);
    out[name] = rows.rows
      .map((row) =>
        JSON.stringify(
          Object.fromEntries(
            Object.entries(row)
              .filter(([k]) => !SKIP_COLUMNS.has(k))
              .map(([k, v]) => [k, Buffer.isBuffer(v) || v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v]),
          ),
        ),
      )
      .sort();
  };
  await Promise.all(tables.rows.filter(({ name }) => !SKIP_TABLES.test(name)).map(({ name }) => read(name)));
  return out;
}

/** The tables whose rows differ, with the rows only before and only after. */
function changes(before: Record<string, string[]>, after: Record<string, string[]>) {
  const diff: Record<string, { gone: string[]; added: string[] }> = {};
  for (const table of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const b = before[table] ?? [];
    const a = after[table] ?? [];
    const gone = b.filter((x) => !a.includes(x));
    const added = a.filter((x) => !b.includes(x));
    if (gone.length > 0 || added.length > 0 || a.length !== b.length) diff[table] = { gone, added };
  }
  return diff;
}

/**
 * One edit form: the page that shows it, who uses it, and which of the page's forms (by action path). `refused`: a
 * create form, which posted as rendered (empty) must be refused; `identity`: the fields that say what is edited
 * (kept when every other field is left out).
 */
type EditForm = { name: string; user: string; page: string; action: RegExp; refused?: true; identity?: string[] };

describe.each(DIALECTS)('every console edit form posted back unchanged changes nothing, on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  const agents = new Map<string, Agent>();
  const editForms: EditForm[] = [];
  const tested = new Set<string>();

  beforeAll(async () => {
    tdb = await createDemoDatabase(dialect);
    const { db } = tdb;
    const clock = systemClock;
    const agency = await db.selectFrom('agencies').selectAll().where('code', '=', 'lcgxj').executeTakeFirstOrThrow();
    const system = systemActor('测试');
    // Facts no form shows, which a save must keep.
    await db.updateTable('agencies').set({ website: 'https://gxj.example.gov.cn' }).where('id', '=', agency.id).execute();
    await db
      .insertInto('reportSettings')
      .values({ agencyId: agency.id, localDeadline: '01-20', appealsIncludeCarried: 1, updatedAt: clock.now().toISOString() })
      .execute();
    const [first, second] = indicators;
    await updateIndicatorSetting({ db, clock, indicators }, system, agency, { code: first?.code ?? '', enabled: false, weight: '7' });
    await updateIndicatorSetting({ db, clock, indicators }, system, agency, { code: second?.code ?? '', enabled: true, weight: '3' });
    await db.insertInto('departments').values({ agencyId: agency.id, name: '综合科', sortOrder: 99 }).execute();
    // A training whose notes span lines (a browser sends a textarea's newlines as CRLF).
    await db.updateTable('trainings').set({ notes: '第一行\n第二行' }).where('agencyId', '=', agency.id).execute();
    // A case whose answer is a draft: the answer editor is the case's edit form.
    const open = await db
      .selectFrom('applications')
      .select(['id', 'version'])
      .where('agencyId', '=', agency.id)
      .where('status', '=', 'processing')
      .where('answerState', '=', 'none')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const editor = await db.selectFrom('users').select('id').where('username', '=', 'editor').executeTakeFirstOrThrow();
    const editorActor = {
      kind: 'user' as const,
      id: editor.id,
      name: '王编辑',
      isSuperadmin: false,
      roles: new Map([[agency.id, new Set(['editor' as const])]]),
    };
    await actOnApplication({ db, clock }, editorActor, agency, open.id, 'draft_answer', { version: String(open.version), outcome: 'granted' });

    await createAppeal({ db, clock }, editorActor, agency, {
      type: 'reconsideration',
      filedOn: '2022-03-01',
      result: 'upheld',
      decidedOn: '2022-05-01',
      note: '维持',
    });

    app = await buildTestApp(tdb, clock);
    for (const user of ['admin', 'editor', 'leader', 'city']) {
      const agent = new Agent(app);
      const res = await agent.login(user, DEMO_PASSWORD);
      expect(res.statusCode, `login ${user}`).toBe(303);
      agents.set(user, agent);
    }

    const ids = async (
      table: 'documents' | 'proposals' | 'trainings' | 'workTasks' | 'rectificationItems' | 'appeals' | 'workMechanisms' | 'workInnovations',
      where?: [string, string],
    ) => {
      let q = db.selectFrom(table).select('id').where('agencyId', '=', agency.id);
      if (where) q = q.where(where[0] as never, '=', where[1] as never);
      return (await q.orderBy('id').execute()).map((r) => r.id);
    };
    const yearOf = async (table: 'proposals' | 'workTasks', id: number) =>
      (await db.selectFrom(table).select('year').where('id', '=', id).executeTakeFirstOrThrow()).year;
    const base = '/admin/lcgxj';
    const [draft] = await ids('documents', ['status', 'draft']);
    const [proposal] = await ids('proposals');
    const [training] = await ids('trainings');
    const [task] = await ids('workTasks');
    const [item] = await ids('rectificationItems');
    const [appeal] = await ids('appeals');
    const [group] = await ids('workMechanisms', ['kind', 'leading_group']);
    const [innovation] = await ids('workInnovations');
    // An open cleanup round with a decision made: the decisions form shows it.
    const round = (await createCleanupRound({ db, clock }, system, agency.id, { title: '2026年规范性文件清理' })).id;
    const [listed] = await db.selectFrom('cleanupDecisions').select('documentId').where('roundId', '=', round).execute();
    await recordCleanupDecisions({ db, clock }, system, agency.id, round, {
      decisions: [{ documentId: listed?.documentId, decision: 'keep', note: '继续有效' }],
    });
    const trainingYear = (
      await db
        .selectFrom('trainings')
        .select('heldOn')
        .where('id', '=', training ?? 0)
        .executeTakeFirstOrThrow()
    ).heldOn.slice(0, 4);
    const itemYear = (
      await db
        .selectFrom('rectificationItems')
        .select('foundOn')
        .where('id', '=', item ?? 0)
        .executeTakeFirstOrThrow()
    ).foundOn.slice(0, 4);
    // A report in draft for 2023: its sections are an edit form.
    await startReport({ db, clock, sources: reportSources(db) }, system, agency, '2023');
    editForms.push(
      { name: 'agency settings (department under a government)', user: 'admin', page: `${base}/settings`, action: /^\/admin\/lcgxj\/settings$/ },
      { name: 'agency settings (the government)', user: 'admin', page: '/admin/lcs/settings', action: /^\/admin\/lcs\/settings$/ },
      { name: 'new user (posted as rendered)', user: 'admin', page: `${base}/users`, action: /\/users$/, refused: true },
      { name: 'password (posted as rendered)', user: 'editor', page: '/admin/account/password', action: /\/account\/password$/, refused: true },
      { name: 'document draft', user: 'editor', page: `${base}/documents/${draft}/edit`, action: /\/documents\/\d+\/edit$/ },
      { name: 'disclosure settings', user: 'admin', page: `${base}/disclosure-settings`, action: /\/disclosure-settings$/ },
      { name: 'category notes', user: 'admin', page: `${base}/disclosure-settings`, action: /\/disclosure-settings\/notes$/ },
      { name: 'report settings', user: 'admin', page: `${base}/reports`, action: /\/reports\/settings$/ },
      { name: 'report sections', user: 'editor', page: `${base}/reports/2023`, action: /\/reports\/\d+\/sections$/ },
      {
        name: 'proposal',
        user: 'editor',
        page: `${base}/proposals?year=${await yearOf('proposals', proposal ?? 0)}&edit=${proposal}`,
        action: /\/proposals\/\d+$/,
      },
      { name: 'training', user: 'editor', page: `${base}/trainings?year=${trainingYear}&edit=${training}`, action: /\/trainings\/\d+$/ },
      {
        name: 'work point',
        user: 'editor',
        page: `${base}/work-points?year=${await yearOf('workTasks', task ?? 0)}&edit=${task}`,
        action: /\/work-points\/\d+$/,
      },
      {
        name: 'work plan title',
        user: 'editor',
        page: `${base}/work-points?year=${await yearOf('workTasks', task ?? 0)}`,
        action: /\/work-points\/plan$/,
        identity: ['year'],
      },
      { name: 'rectification item', user: 'editor', page: `${base}/rectification?year=${itemYear}&edit=${item}`, action: /\/rectification\/\d+$/ },
      { name: 'leading group', user: 'editor', page: `${base}/mechanisms?year=2022&edit=${group}`, action: /\/mechanisms\/\d+$/ },
      { name: '工作创新', user: 'editor', page: `${base}/innovations?year=2022&edit=${innovation}`, action: /\/innovations\/\d+$/ },
      { name: 'yearly figures', user: 'editor', page: `${base}/figures/2022`, action: /\/figures\/2022$/ },
      { name: 'compliance indicator switches', user: 'admin', page: `${base}/compliance/settings`, action: /\/compliance\/settings$/, identity: ['code'] },
      { name: 'manual indicator (posted as rendered)', user: 'admin', page: `${base}/compliance/settings`, action: /\/compliance\/manual$/, refused: true },
      { name: 'appeal', user: 'editor', page: `${base}/appeals/${appeal}`, action: /\/appeals\/\d+$/ },
      { name: 'cleanup decisions', user: 'editor', page: `${base}/cleanup/${round}`, action: /\/cleanup\/\d+\/decisions$/ },
      { name: 'case: answer draft', user: 'editor', page: `${base}/applications/${open.id}`, action: /\/applications\/\d+\/save_answer$/ },
      { name: 'application settings', user: 'admin', page: `${base}/applications/settings`, action: /\/applications\/settings$/ },
      { name: 'case: handler', user: 'admin', page: `${base}/applications/${open.id}`, action: /\/applications\/\d+\/assign$/ },
      { name: 'guide facts', user: 'admin', page: `${base}/guide`, action: /^\/admin\/lcgxj\/guide$/ },
      { name: 'guide sections', user: 'admin', page: `${base}/guide`, action: /\/guide\/sections$/ },
      { name: 'site footer of the agency', user: 'admin', page: `${base}/site`, action: /^\/admin\/lcgxj\/site$/ },
      { name: 'site footer of the platform', user: 'admin', page: '/admin/platform/site', action: /^\/admin\/platform\/site$/ },
      {
        name: 'holiday arrangement of a year',
        user: 'admin',
        page: '/admin/platform/calendar/2022',
        action: /\/platform\/calendar$/,
        identity: ['year', 'text'],
      },
    );
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await tdb?.cleanup();
  });

  it('posts every edit form back unchanged and finds every table as it was', async () => {
    const failures: Record<string, unknown> = {};
    for (const spec of editForms) {
      const agent = agents.get(spec.user) as Agent;
      const page = await agent.get(spec.page);
      const forms = formsOf(page.body, spec.page).filter((f) => f.method === 'post' && spec.action.test(f.action.split('?')[0] as string));
      if (page.statusCode !== 200 || forms.length === 0) {
        failures[spec.name] = `GET ${spec.page} answered ${page.statusCode} with ${forms.length} forms posting to ${spec.action}`;
        continue;
      }
      for (const form of forms) {
        const before = await dump(tdb);
        const res = await post(agent, form);
        const diff = changes(before, await dump(tdb));
        const saved = res.statusCode < 400;
        if (saved === (spec.refused === true)) failures[`${spec.name} → ${form.action}`] = `answered ${res.statusCode}: ${messagesOf(res.body)}`;
        else if (Object.keys(diff).length > 0) failures[`${spec.name} → ${form.action}`] = diff;
        tested.add(routeOf(form.action));
      }
    }
    expect(failures).toEqual({});
  }, 180_000);

  it('leaves every column unchanged when a form sends none of its fields (absent is not empty)', async () => {
    const failures: Record<string, unknown> = {};
    for (const spec of editForms.filter((f) => !f.refused)) {
      const agent = agents.get(spec.user) as Agent;
      const page = await agent.get(spec.page);
      const keep = new Set(['_csrf', 'version', ...(spec.identity ?? [])]);
      for (const form of formsOf(page.body, spec.page).filter((f) => f.method === 'post' && spec.action.test(f.action.split('?')[0] as string))) {
        const bare = { ...form, entries: form.entries.filter((e) => keep.has(e.name)) };
        const before = await dump(tdb);
        const res = await post(agent, bare);
        const diff = changes(before, await dump(tdb));
        if (res.statusCode >= 500) failures[`${spec.name} → ${form.action}`] = `answered ${res.statusCode}`;
        else if (Object.keys(diff).length > 0) failures[`${spec.name} → ${form.action}`] = diff;
      }
    }
    expect(failures).toEqual({});
  }, 180_000);

  it('keeps the agency under its parent government when its settings are saved, and clears a field sent empty', async () => {
    const agent = agents.get('admin') as Agent;
    const page = await agent.get('/admin/lcgxj/settings');
    const [form] = formsOf(page.body, '/admin/lcgxj/settings').filter((f) => f.action === '/admin/lcgxj/settings');
    expect(form?.entries.map((e) => e.name)).not.toContain('parentCode');
    const edited = { ...(form as RenderedForm), entries: (form as RenderedForm).entries.map((e) => (e.name === 'fax' ? { ...e, value: '' } : e)) };
    expect((await post(agent, edited)).statusCode).toBe(303);
    const row = await tdb.db.selectFrom('agencies').selectAll().where('code', '=', 'lcgxj').executeTakeFirstOrThrow();
    const parent = await tdb.db.selectFrom('agencies').select('id').where('code', '=', 'lcs').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ parentId: parent.id, website: 'https://gxj.example.gov.cn', fax: null, kind: 'department' });
    // The city view still lists it.
    const city = await agents.get('city')?.get('/admin/lcs/city?year=2022');
    expect(city?.body).toContain('聊城市工业和信息化局');
  });

  it('saves an unchecked box as unchecked (the hidden field before it), not as "absent"', async () => {
    const agent = agents.get('editor') as Agent;
    const agency = await tdb.db.selectFrom('agencies').select('id').where('code', '=', 'lcgxj').executeTakeFirstOrThrow();
    const row = await tdb.db
      .selectFrom('proposals')
      .selectAll()
      .where('agencyId', '=', agency.id)
      .where('onTime', '=', 1)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const url = `/admin/lcgxj/proposals?year=${row.year}&edit=${row.id}`;
    const [form] = formsOf((await agent.get(url)).body, url).filter((f) => f.action.split('?')[0] === `/admin/lcgxj/proposals/${row.id}`);
    const unchecked = { ...(form as RenderedForm), entries: (form as RenderedForm).entries.filter((e) => !(e.name === 'onTime' && e.value === 'on')) };
    expect(unchecked.entries).toContainEqual({ name: 'onTime', value: '' });
    expect((await post(agent, unchecked)).statusCode).toBe(303);
    expect(await tdb.db.selectFrom('proposals').select(['onTime', 'title']).where('id', '=', row.id).executeTakeFirstOrThrow()).toEqual({
      onTime: 0,
      title: row.title,
    });
  });

  it('knows every POST route under /admin: an edit form tested above, or an action that is meant to change something', () => {
    expect(tested.size).toBeGreaterThan(0);
    const post = postRoutes(app).filter((r) => r.startsWith('/admin'));
    const unclassified = post.filter((r) => !tested.has(r) && !ACTIONS.has(r) && !READS.has(r));
    expect(unclassified).toEqual([]);
    // And every action named here still exists.
    expect([...ACTIONS, ...READS].filter((a) => !post.includes(a))).toEqual([]);
  });

  async function post(agent: Agent, form: RenderedForm) {
    const { payload, contentType } = encodeForm(form);
    return app.inject({ method: 'POST', url: form.action, payload, headers: { cookie: agent.cookieHeader(), 'content-type': contentType } });
  }
});

/** POST routes that only read what is posted (an uploaded file) and store nothing. */
const READS = new Set(['/admin/:agency/reports/check-file']);

/** POST routes that perform an action (create, delete, a workflow step, sign-in): posting them is meant to change something. */
const ACTIONS = new Set([
  '/admin/login',
  '/admin/logout',
  '/admin/setup',
  '/admin/platform/agencies',
  '/admin/platform/calendar/:year/unload',
  '/admin/:agency/departments',
  '/admin/:agency/users/:id/unlock',
  '/admin/:agency/applications/new',
  '/admin/:agency/appeals',
  '/admin/:agency/sensitive-words',
  '/admin/:agency/sensitive-words/:id/delete',
  '/admin/:agency/documents/new',
  '/admin/:agency/documents/:id/submit',
  '/admin/:agency/documents/:id/secrecy',
  '/admin/:agency/documents/:id/send-back',
  '/admin/:agency/documents/:id/approve',
  '/admin/:agency/documents/:id/correct',
  '/admin/:agency/documents/:id/withdraw',
  '/admin/:agency/documents/:id/validity',
  '/admin/:agency/documents/:id/link',
  '/admin/:agency/reports/start',
  '/admin/:agency/reports/:year/redraft',
  '/admin/:agency/reports/:year/submit',
  '/admin/:agency/reports/:year/review',
  '/admin/:agency/reports/:year/reopen',
  '/admin/:agency/reports/:year/correct',
  '/admin/:agency/reports/:year/approve',
  '/admin/:agency/reports/:year/publish',
  '/admin/:agency/proposals',
  '/admin/:agency/proposals/:id/delete',
  '/admin/:agency/trainings',
  '/admin/:agency/trainings/:id/delete',
  '/admin/:agency/work-points',
  '/admin/:agency/work-points/:id/delete',
  '/admin/:agency/rectification',
  '/admin/:agency/rectification/:id/delete',
  '/admin/:agency/rectification/:id/close',
  '/admin/:agency/mechanisms',
  '/admin/:agency/mechanisms/:id/delete',
  '/admin/:agency/innovations',
  '/admin/:agency/innovations/:id/delete',
  '/admin/:agency/cleanup',
  '/admin/:agency/cleanup/:id/apply',
  '/admin/:agency/cleanup/:id/publish',
  '/admin/:agency/compliance',
  '/admin/:agency/compliance/rectify',
  '/admin/:agency/compliance/probe',
  '/admin/:agency/compliance/submit',
  // Every other case action is a step of the procedure; the answer draft and the handler are tested above.
  '/admin/:agency/applications/:id/:action',
  // 依申请公开转主动公开: a decision on a suggestion.
  '/admin/:agency/applications/suggestions/convert',
  '/admin/:agency/applications/suggestions/decline',
  // The answer's files: upload, remove, link or unlink a published document.
  '/admin/:agency/applications/:id/answer-files',
  '/admin/:agency/applications/:id/answer-files/:file/remove',
  '/admin/:agency/applications/:id/answer-files/documents/:document/:op',
]);

/** The error messages a page shows (to say why a form was refused). */
function messagesOf(html: string): string {
  return [...html.matchAll(/class="(?:alert error|error)"[^>]*>([\s\S]*?)<\/(?:div|span)>/g)]
    .map((m) => (m[1] as string).replace(/<[^>]+>/g, ' ').trim())
    .join(' | ');
}

/** The route pattern of a concrete form action (ids and agency codes back to parameters). */
function routeOf(action: string): string {
  const p = action.split('?')[0] as string;
  if (/^\/admin\/[^/]+\/applications\/\d+\/[a-z_]+$/.test(p)) return '/admin/:agency/applications/:id/:action';
  if (p.startsWith('/admin/platform/') || p.startsWith('/admin/account/')) return p.replace(/\/\d{4}(?=\/|$)/, '/:year');
  return p
    .replace(/^\/admin\/[^/]+/, '/admin/:agency')
    .replace(/\/reports\/\d+/, '/reports/:year')
    .replace(/\/figures\/\d+/, '/figures/:year')
    .replace(/\/\d+(?=\/|$)/g, '/:id');
}

/** Every POST route of the app, read from Fastify's route tree. */
function postRoutes(app: FastifyInstance): string[] {
  const tree = app.printRoutes({ commonPrefix: false, method: 'POST' });
  const stack: string[] = [];
  const out: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^([│ ]*)(?:├── |└── )(.*?)(?: \(([^)]*)\))?$/.exec(line);
    if (!m) continue;
    const depth = (m[1] as string).length / 4;
    stack.length = depth;
    stack[depth] = m[2] as string;
    if (m[3]?.split(', ').includes('POST')) out.push(stack.join('').replace(/\/+/g, '/'));
  }
  return out.map((r) => (r.length > 1 ? r.replace(/\/$/, '') : r));
}
