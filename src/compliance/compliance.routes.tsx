import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { runChannelProbe } from '../applications/probe.service.ts';
import { injectTransport } from '../applications/probe-browser.ts';
import { agencyParams, type ConsoleBase, consoleMember, consolePage, consoleRoutes } from '../console/console-page.tsx';
import { canKeepRectification } from '../rectification/rectification.policy.ts';
import { forbidden } from '../shared/errors.ts';
import { emptyForm, type FormState, formValues, sendPage, submitForm } from '../web/http.ts';
import { textQuery, type ZodRoutes } from '../web/params.ts';
import { canConfigureSelfCheck, canSubmitSelfCheck } from './compliance.policy.ts';
import { selfCheckOverview } from './compliance.queries.ts';
import {
  indicatorSettings,
  listManualIndicators,
  rectifyFinding,
  runSelfCheck,
  saveManualIndicator,
  submitRun,
  updateIndicatorSetting,
} from './compliance.service.ts';
import { CompliancePage, ComplianceSettingsPage } from './compliance.views.tsx';

/** `?closed=N`: how many rectification items the run just made closed; `?submitted=1` after a submission. */
const count = z
  .string()
  .optional()
  .transform((v) => {
    const n = Number(v);
    return Number.isSafeInteger(n) && n > 0 ? n : undefined;
  });
/** `remains=N`: how many it closed as 已整改，仍计扣分. */
const checkQuery = z.object({ submitted: textQuery, closed: count, remains: count });
type Closed = { closed?: number | undefined; remains?: number | undefined };

/** The self-check in the console: run, history, indicator settings, manual indicators. */
export async function registerComplianceRoutes(admin: FastifyInstance): Promise<void> {
  await admin.register(async (scope) => complianceRoutes(consoleRoutes(scope)));
}

function complianceRoutes(app: ZodRoutes): void {
  const deps = { ...app.deps, indicators: app.deps.registries.indicators, publicUrl: app.deps.config.publicUrl };
  const { db, clock } = deps;
  const defaultYear = () => Number(clock.today().slice(0, 4));
  const page = (request: FastifyRequest, reply: FastifyReply) => consolePage(request, reply, '/compliance');

  const checkPage = async (b: ConsoleBase, closedCount: Closed, failed?: { key: string; form: FormState }, submitted = false) => {
    const today = clock.today();
    const { runs, results, listed, defaultDueOn, probe } = await selfCheckOverview(db, b.agency, today);
    return (
      <CompliancePage
        {...b}
        runs={runs}
        results={results}
        submitted={submitted}
        year={runs[0]?.year ?? defaultYear()}
        canConfigure={canConfigureSelfCheck(b.actor, b.agency)}
        canSubmit={canSubmitSelfCheck(b.actor, b.agency)}
        rectify={{
          canRectify: canKeepRectification(b.actor, b.agency.id),
          listed,
          today,
          defaultDueOn,
          failed,
          closedCount: closedCount.closed,
          remainsCount: closedCount.remains,
        }}
        probe={probe}
      />
    );
  };

  app.get('/:agency/compliance', { schema: { params: agencyParams, querystring: checkQuery } }, async (request, reply) => {
    const b = await page(request, reply);
    return sendPage(reply, await checkPage(b, request.query, undefined, request.query.submitted === '1'));
  });

  // Submits a run as the agency's result for its year (what the city view shows); a later re-run never replaces it.
  app.post('/:agency/compliance/submit', { schema: { params: agencyParams } }, async (request, reply) => {
    const { actor, agency } = await consoleMember(request);
    await submitRun(deps, actor, agency, Number(formValues(request).runId));
    return reply.redirect(`/admin/${agency.code}/compliance?submitted=1#last`, 303);
  });

  app.post('/:agency/compliance', { schema: { params: agencyParams } }, async (request, reply) => {
    const { actor, agency } = await consoleMember(request);
    const year = Number(formValues(request).year);
    const run = await runSelfCheck(deps, actor, agency, Number.isInteger(year) && year >= 2019 && year <= 2299 ? year : defaultYear());
    const remains = run.closedItems.filter((i) => i.closure === 'remains').length;
    const fixed = run.closedItems.length - remains;
    const query = [fixed > 0 ? `closed=${fixed}` : '', remains > 0 ? `remains=${remains}` : ''].filter(Boolean).join('&');
    return reply.redirect(`/admin/${agency.code}/compliance${query ? `?${query}` : ''}`, 303);
  });

  app.post('/:agency/compliance/rectify', { schema: { params: agencyParams, querystring: checkQuery } }, async (request, reply) => {
    const b = await page(request, reply);
    const v = formValues(request);
    const key = v.key ?? '';
    return submitForm(
      reply,
      v,
      () => rectifyFinding(deps, b.actor, b.agency, { runId: Number(v.runId), key, measure: v.measure, owner: v.owner, dueOn: v.dueOn }),
      () => `/admin/${b.agency.code}/compliance#findings`,
      (form) => checkPage(b, request.query, { key, form }),
    );
  });

  // The channel probe: a test application through this server's own portal stack (inject), withdrawn after.
  app.post('/:agency/compliance/probe', { schema: { params: agencyParams } }, async (request, reply) => {
    const { actor, agency } = await consoleMember(request);
    await runChannelProbe(deps, actor, agency, injectTransport(request.server));
    return reply.redirect(`/admin/${agency.code}/compliance#probe`, 303);
  });

  const settingsQuery = z.object({ saved: textQuery });
  const settingsPage = async (b: ConsoleBase, saved: boolean, form = emptyForm()) => {
    if (!canConfigureSelfCheck(b.actor, b.agency)) throw forbidden();
    const settings = await indicatorSettings(db, b.agency.id, deps.indicators);
    const manual = await listManualIndicators(db, b.agency.id);
    return <ComplianceSettingsPage {...b} settings={settings} manual={manual} form={form} saved={saved} />;
  };

  app.get('/:agency/compliance/settings', { schema: { params: agencyParams, querystring: settingsQuery } }, async (request, reply) => {
    const b = await page(request, reply);
    return sendPage(reply, await settingsPage(b, request.query.saved === '1'));
  });

  app.post('/:agency/compliance/settings', { schema: { params: agencyParams } }, async (request, reply) => {
    const { actor, agency } = await consoleMember(request);
    const v = formValues(request);
    await updateIndicatorSetting(deps, actor, agency, {
      code: v.code ?? '',
      enabled: v.enabled === undefined ? undefined : v.enabled === '1',
      weight: v.weight,
    });
    return reply.redirect(`/admin/${agency.code}/compliance/settings?saved=1`, 303);
  });

  app.post('/:agency/compliance/manual', { schema: { params: agencyParams, querystring: settingsQuery } }, async (request, reply) => {
    const b = await page(request, reply);
    const v = formValues(request);
    return submitForm(
      reply,
      v,
      () => saveManualIndicator(deps, b.actor, b.agency, { ...v, passed: v.passed === '1' }),
      () => `/admin/${b.agency.code}/compliance/settings?saved=1#manual`,
      (form) => settingsPage(b, request.query.saved === '1', form),
    );
  });
}
