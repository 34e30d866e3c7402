/**
 * What every agency page of the console starts from: the member and agency of the URL, the frame with the module
 * navigation, the path parameters, and the order in which a bad request is answered.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Child, SafeHtml } from '#jsx/jsx-runtime';
import type { Agency } from '../db/schema.ts';
import { CsrfField } from '../web/components.tsx';
import { AdminLayout } from '../web/layout.tsx';
import { agencyCodeParam, idParam, zodRoutes } from '../web/params.ts';
import { consoleAgency, consoleNav, csrfToken, requireUser, type UserActor } from './console.ts';

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

/** A scope of console routes declaring their params and querystrings with zod, answered in the console's order. */
export function consoleRoutes(scope: FastifyInstance) {
  validateAfterSignIn(scope);
  return zodRoutes(scope);
}

export type ConsoleBase = { actor: UserActor; csrf: string; agency: Agency; currentPath: string };

/** The signed-in member and the agency of a console URL, for a route that renders no page (an action, a download). */
export function consoleMember(request: FastifyRequest): Promise<{ actor: UserActor; agency: Agency }> {
  return consoleAgency(request as FastifyRequest<{ Params: { agency: string } }>);
}

/**
 * The prelude of a console page, for its GET and for a POST that renders the page again: the signed-in member and the
 * agency of the URL (another agency reads as not found), a CSRF token for the forms, the navigation entry (`path`,
 * after the agency's base: '/documents', or '' for the agency's home).
 */
export async function consolePage(request: FastifyRequest, reply: FastifyReply, path: string): Promise<ConsoleBase> {
  const { actor, agency } = await consoleMember(request);
  return { actor, agency, csrf: csrfToken(reply), currentPath: `/admin/${agency.code}${path}` };
}

/** The console frame of an agency page, with the module navigation. */
export function ConsoleFrame(p: ConsoleBase & { title: string; children?: Child }): SafeHtml {
  return (
    <AdminLayout title={p.title} actor={p.actor} csrfToken={p.csrf} agency={p.agency} sideNav={consoleNav(p.agency, p.actor)} currentPath={p.currentPath}>
      {p.children}
    </AdminLayout>
  );
}

/** A form of one button (and the fields before it) posting an action. */
export function ActionForm(p: { csrf: string; action: string; label: string; danger?: boolean; children?: Child }): SafeHtml {
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
