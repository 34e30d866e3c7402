import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { agencyParams, type ConsoleBase, consoleMember, consolePage, consoleRoutes } from '../console/console-page.tsx';
import { t } from '../shared/i18n/zh-CN.ts';
import { type FormState, formValues, runForm, sendPage } from '../web/http.ts';
import type { ZodRoutes } from '../web/params.ts';
import { DEFAULT_RULE } from './clustering.ts';
import { canDecideSuggestions } from './proactive.policy.ts';
import { recentDecisions } from './proactive.queries.ts';
import { convertSuggestion, declineSuggestion, listSuggestions } from './proactive.service.ts';
import { SuggestionsPage } from './proactive.views.tsx';

const P = t.applications.proactive;
const doneQuery = z.object({ done: z.enum(['converted', 'declined']).optional().catch(undefined) });

/** 依申请转主动公开建议 in the console: /admin/:agency/applications/suggestions and its two actions. */
export async function registerProactiveRoutes(admin: FastifyInstance): Promise<void> {
  await admin.register(async (scope) => proactiveRoutes(consoleRoutes(scope)));
}

function proactiveRoutes(app: ZodRoutes): void {
  const deps = app.deps;
  const rule = { ...DEFAULT_RULE, minApplicants: deps.config.proactiveMinApplicants };
  const path = '/applications/suggestions';

  const render = async (b: ConsoleBase, opts: { notice?: string | undefined; failed?: { key: string; form: FormState } } = {}) => (
    <SuggestionsPage
      {...b}
      clusters={await listSuggestions(deps, b.actor, b.agency, rule)}
      decisions={await recentDecisions(deps.db, b.agency.id)}
      minApplicants={rule.minApplicants}
      canDecide={canDecideSuggestions(b.actor, b.agency.id)}
      notice={opts.notice}
      failed={opts.failed}
    />
  );

  app.get('/:agency/applications/suggestions', { schema: { params: agencyParams, querystring: doneQuery } }, async (request, reply) => {
    const b = await consolePage(request, reply, path);
    return sendPage(reply, await render(b, { notice: request.query.done ? P[request.query.done] : undefined }));
  });

  const action =
    (run: typeof convertSuggestion | typeof declineSuggestion, done: 'converted' | 'declined') => async (request: FastifyRequest, reply: FastifyReply) => {
      const { actor, agency } = await consoleMember(request);
      const values = formValues(request);
      const outcome = await runForm<unknown>(values, () => run(deps, actor, agency, values, rule));
      if (outcome.ok) return reply.redirect(`/admin/${agency.code}${path}?done=${done}`, 303);
      const b = await consolePage(request, reply, path);
      return sendPage(reply, await render(b, { failed: { key: values.key ?? '', form: outcome.state } }), 400);
    };
  app.post('/:agency/applications/suggestions/convert', { schema: { params: agencyParams } }, action(convertSuggestion, 'converted'));
  app.post('/:agency/applications/suggestions/decline', { schema: { params: agencyParams } }, action(declineSuggestion, 'declined'));
}
