/** What every console page of 主动公开 starts from: the member and agency of the URL, the frame, the form helpers. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { SafeHtml } from '#jsx/jsx-runtime';
import { consoleAgency, consoleNav, csrfToken, requireUser, type UserActor } from '../../console/console.ts';
import type { Agency } from '../../db/schema.ts';
import { CsrfField } from '../../web/components.tsx';
import { type FormState, runForm, sendPage } from '../../web/http.ts';
import { AdminLayout } from '../../web/layout.tsx';
import { agencyCodeParam, idParam } from '../../web/params.ts';

/** The agency of a console URL, and one of its records. */
export const agencyParams = z.object({ agency: agencyCodeParam });
export const recordParams = agencyParams.extend({ id: idParam() });

/**
 * Console routes answer in the order they always did: the CSRF check (an app-wide preHandler), then sign-in, then a
 * path parameter that does not parse (404). Validation records its error instead of answering at once, and this
 * scope's preHandler, which runs after the CSRF check and before any handler, throws it for a signed-in user; a
 * signed-out one is sent to sign in first.
 */
export function validateAfterSignIn(scope: FastifyInstance): void {
  scope.addHook('onRoute', (route) => {
    route.attachValidation = true;
  });
  scope.addHook('preHandler', async (request) => {
    if (!request.validationError) return;
    requireUser(request);
    throw request.validationError;
  });
}

export type ConsoleBase = { actor: UserActor; csrf: string; agency: Agency; currentPath: string };

/**
 * The prelude of a console page, for its GET and for a POST that renders the page again: the signed-in member and the
 * agency of the URL (another agency reads as not found), a CSRF token for the forms, the navigation entry (`path`).
 */
export async function consolePage(request: FastifyRequest, reply: FastifyReply, path: string): Promise<ConsoleBase> {
  const { actor, agency } = await consoleAgency(request as FastifyRequest<{ Params: { agency: string } }>);
  return { actor, agency, csrf: csrfToken(reply), currentPath: `/admin/${agency.code}${path}` };
}

/**
 * A console form's POST: runs the use case, then redirects to `done(result)` (303); a refused input (validation or
 * conflict) renders the page again with the typed values and the messages (400).
 */
export async function submitForm<T>(
  reply: FastifyReply,
  values: Record<string, string>,
  run: () => Promise<T>,
  done: (result: T) => string,
  again: (form: FormState) => Promise<SafeHtml> | SafeHtml,
): Promise<FastifyReply> {
  const outcome = await runForm(values, run);
  if (outcome.ok) return reply.redirect(done(outcome.result), 303);
  return sendPage(reply, await again(outcome.state), 400);
}

export function Frame(p: ConsoleBase & { title: string; children?: SafeHtml | (SafeHtml | null)[] | null }): SafeHtml {
  return (
    <AdminLayout title={p.title} actor={p.actor} csrfToken={p.csrf} agency={p.agency} sideNav={consoleNav(p.agency, p.actor)} currentPath={p.currentPath}>
      {p.children}
    </AdminLayout>
  );
}

export function ActionForm(p: { csrf: string; action: string; label: string; danger?: boolean; children?: SafeHtml | (SafeHtml | null)[] | null }): SafeHtml {
  return (
    <form method="post" action={p.action} class="stack action-form">
      <CsrfField token={p.csrf} />
      {p.children}
      <div class="btn-row">
        <button class={p.danger ? 'btn danger' : 'btn'} type="submit">
          {p.label}
        </button>
      </div>
    </form>
  );
}
