import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { agencyParams, type ConsoleBase, consolePage } from '../console/console-page.tsx';
import { emptyForm, type FormState, formValues, sendPage, submitForm } from '../web/http.ts';
import { textQuery, type ZodRoutes } from '../web/params.ts';
import { canEditApplicationSettings } from './settings.policy.ts';
import { agencyMembers, applicationSettings, settingsForm } from './settings.queries.ts';
import { saveApplicationSettings } from './settings.service.ts';
import { SettingsPage } from './settings.views.tsx';

/** 依申请公开设置: the 文号 pattern, the 复议机关 and court of the 救济途径, the download period (agency admins edit). */
export function settingsRoutes(app: ZodRoutes): void {
  const deps = app.deps;
  const page = (request: FastifyRequest, reply: FastifyReply) => consolePage(request, reply, '/applications');
  const render = async (b: ConsoleBase, form: FormState, saved: boolean, moved = 0) => (
    <SettingsPage
      {...b}
      form={form}
      saved={saved}
      moved={moved}
      members={await agencyMembers(deps.db, b.agency.id)}
      canEdit={canEditApplicationSettings(b.actor, b.agency.id)}
      year={Number(deps.clock.today().slice(0, 4))}
    />
  );

  app.get(
    '/:agency/applications/settings',
    { schema: { params: agencyParams, querystring: z.object({ saved: textQuery, moved: textQuery }) } },
    async (request, reply) => {
      const b = await page(request, reply);
      const moved = Number(request.query.moved ?? 0);
      const form = emptyForm(settingsForm(await applicationSettings(deps.db, b.agency.id)));
      return sendPage(reply, await render(b, form, request.query.saved === '1', Number.isInteger(moved) && moved > 0 ? moved : 0));
    },
  );

  app.post('/:agency/applications/settings', { schema: { params: agencyParams } }, async (request, reply) => {
    const b = await page(request, reply);
    const values = formValues(request);
    return submitForm(
      reply,
      values,
      () => saveApplicationSettings(deps, b.actor, b.agency.id, values),
      // The open e-mail cases a new receipt rule moved are counted on the page (and listed in the audit entry).
      (saved) => `/admin/${b.agency.code}/applications/settings?saved=1${saved.moved.length > 0 ? `&moved=${saved.moved.length}` : ''}`,
      (form) => render(b, form, false),
    );
  });
}
