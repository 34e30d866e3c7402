import type { FastifyInstance } from 'fastify';
import { consoleAgency, csrfToken } from '../admin/console.ts';
import { canOnAgency } from '../agencies/agencies.policy.ts';
import { indicators } from '../composition.ts';
import { forbidden } from '../shared/errors.ts';
import { emptyForm, formValues, runForm, sendPage } from '../web/http.ts';
import { indicatorSettings, listManualIndicators, listRuns, runSelfCheck, saveManualIndicator, updateIndicatorSetting } from './compliance.service.ts';
import { CompliancePage, ComplianceSettingsPage } from './compliance.views.tsx';

type Params = { Params: { agency: string } };

/** The self-check in the console: run, history, indicator settings, manual indicators. */
export async function registerComplianceRoutes(admin: FastifyInstance): Promise<void> {
  const deps = { ...admin.deps, indicators, publicUrl: admin.deps.config.publicUrl };
  const { db, clock } = deps;
  const defaultYear = () => Number(clock.today().slice(0, 4));

  admin.get<Params>('/:agency/compliance', async (request, reply) => {
    const { actor, agency } = await consoleAgency(request);
    const runs = await listRuns(db, agency.id);
    return sendPage(
      reply,
      <CompliancePage
        actor={actor}
        csrf={csrfToken(reply)}
        agency={agency}
        runs={runs}
        year={runs[0]?.year ?? defaultYear()}
        canConfigure={canOnAgency(actor, 'edit-facts', agency)}
      />,
    );
  });

  admin.post<Params>('/:agency/compliance', async (request, reply) => {
    const { actor, agency } = await consoleAgency(request);
    const year = Number(formValues(request).year);
    await runSelfCheck(deps, actor, agency, Number.isInteger(year) && year >= 2019 && year <= 2299 ? year : defaultYear());
    return reply.redirect(`/admin/${agency.code}/compliance`, 303);
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
    await updateIndicatorSetting(deps, actor, agency, { code: v.code ?? '', enabled: v.enabled === '1', weight: v.weight });
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
