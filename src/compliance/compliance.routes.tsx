import type { FastifyInstance } from 'fastify';
import { canOnAgency } from '../agencies/agencies.policy.ts';
import { latestProbe, runChannelProbe } from '../applications/probe.service.ts';
import { injectTransport } from '../applications/probe-browser.ts';
import { loadWorkCalendar } from '../calendar/calendar.service.ts';
import { consoleAgency, csrfToken } from '../console/console.ts';
import { canKeepRectification } from '../rectification/rectification.policy.ts';
import { openFindingItems } from '../rectification/rectification.service.ts';
import { forbidden } from '../shared/errors.ts';
import { emptyForm, type FormState, formValues, runForm, sendPage } from '../web/http.ts';
import {
  indicatorSettings,
  listManualIndicators,
  listRuns,
  rectifyFinding,
  runSelfCheck,
  saveManualIndicator,
  updateIndicatorSetting,
} from './compliance.service.ts';
import { CompliancePage, ComplianceSettingsPage } from './compliance.views.tsx';

type Params = { Params: { agency: string } };

/** The default time allowed to rectify a finding: 20 working days, the usual limit of a rectification notice. */
const RECTIFY_WORKDAYS = 20;

/** The self-check in the console: run, history, indicator settings, manual indicators. */
export async function registerComplianceRoutes(admin: FastifyInstance): Promise<void> {
  const { indicators } = admin.deps.registries;
  const deps = { ...admin.deps, indicators, publicUrl: admin.deps.config.publicUrl };
  const { db, clock } = deps;
  const defaultYear = () => Number(clock.today().slice(0, 4));

  const checkPage = async (
    request: Parameters<typeof consoleAgency>[0],
    reply: Parameters<typeof sendPage>[0],
    failed?: { key: string; form: FormState },
    status = 200,
  ) => {
    const { actor, agency } = await consoleAgency(request);
    const runs = await listRuns(db, agency.id);
    const today = clock.today();
    const listed = runs[0] ? await openFindingItems(db, agency.id, runs[0].year) : [];
    const closed = Number((request.query as { closed?: string }).closed);
    return sendPage(
      reply,
      <CompliancePage
        actor={actor}
        csrf={csrfToken(reply)}
        agency={agency}
        runs={runs}
        year={runs[0]?.year ?? defaultYear()}
        canConfigure={canOnAgency(actor, 'edit-facts', agency)}
        rectify={{
          canRectify: canKeepRectification(actor, agency.id),
          listed,
          today,
          defaultDueOn: (await loadWorkCalendar(db)).addWorkdays(today, RECTIFY_WORKDAYS).date,
          failed,
          closedCount: Number.isSafeInteger(closed) && closed > 0 ? closed : undefined,
        }}
        probe={await latestProbe(db, agency.id)}
      />,
      status,
    );
  };

  admin.get<Params>('/:agency/compliance', async (request, reply) => checkPage(request, reply));

  admin.post<Params>('/:agency/compliance', async (request, reply) => {
    const { actor, agency } = await consoleAgency(request);
    const year = Number(formValues(request).year);
    const run = await runSelfCheck(deps, actor, agency, Number.isInteger(year) && year >= 2019 && year <= 2299 ? year : defaultYear());
    const closed = run.closedItems.length > 0 ? `?closed=${run.closedItems.length}` : '';
    return reply.redirect(`/admin/${agency.code}/compliance${closed}`, 303);
  });

  admin.post<Params>('/:agency/compliance/rectify', async (request, reply) => {
    const { actor, agency } = await consoleAgency(request);
    const v = formValues(request);
    const key = v.key ?? '';
    const outcome = await runForm(v, () =>
      rectifyFinding(deps, actor, agency, { runId: Number(v.runId), key, measure: v.measure, owner: v.owner, dueOn: v.dueOn }),
    );
    if (outcome.ok) return reply.redirect(`/admin/${agency.code}/compliance#findings`, 303);
    return checkPage(request, reply, { key, form: outcome.state }, 400);
  });

  // The channel probe: a test application through this server's own portal stack (inject), withdrawn after.
  admin.post<Params>('/:agency/compliance/probe', async (request, reply) => {
    const { actor, agency } = await consoleAgency(request);
    await runChannelProbe(deps, actor, agency, injectTransport(request.server));
    return reply.redirect(`/admin/${agency.code}/compliance#probe`, 303);
  });

  const settingsPage = async (request: Parameters<typeof consoleAgency>[0], reply: Parameters<typeof sendPage>[0], form = emptyForm(), status = 200) => {
    const { actor, agency } = await consoleAgency(request);
    if (!canOnAgency(actor, 'edit-facts', agency)) throw forbidden();
    const settings = await indicatorSettings(db, agency.id, indicators);
    const manual = await listManualIndicators(db, agency.id);
    const saved = (request.query as { saved?: string }).saved === '1';
    return sendPage(
      reply,
      <ComplianceSettingsPage actor={actor} csrf={csrfToken(reply)} agency={agency} settings={settings} manual={manual} form={form} saved={saved} />,
      status,
    );
  };

  admin.get<Params>('/:agency/compliance/settings', async (request, reply) => settingsPage(request, reply));

  admin.post<Params>('/:agency/compliance/settings', async (request, reply) => {
    const { actor, agency } = await consoleAgency(request);
    const v = formValues(request);
    await updateIndicatorSetting(deps, actor, agency, {
      code: v.code ?? '',
      enabled: v.enabled === undefined ? undefined : v.enabled === '1',
      weight: v.weight,
    });
    return reply.redirect(`/admin/${agency.code}/compliance/settings?saved=1`, 303);
  });

  admin.post<Params>('/:agency/compliance/manual', async (request, reply) => {
    const { actor, agency } = await consoleAgency(request);
    const v = formValues(request);
    const outcome = await runForm(v, () => saveManualIndicator(deps, actor, agency, { ...v, passed: v.passed === '1' }));
    if (outcome.ok) return reply.redirect(`/admin/${agency.code}/compliance/settings?saved=1#manual`, 303);
    return settingsPage(request, reply, outcome.state, 400);
  });
}
