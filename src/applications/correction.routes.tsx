/**
 * POST /gk/:code/track/correction: the applicant's 补正 from the tracking page (multipart, with files), carrying the
 * token the tracking page issued after a correct tracking number and query code. A bad or expired token, or a case no
 * longer awaiting a correction, is refused with a Chinese page; a form with mistakes comes back on the tracking page.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { getAgencyByCode } from '../agencies/agencies.service.ts';
import { asDomainError } from '../db/faults.ts';
import { DomainError, httpStatusOf } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { formValues, sendPage } from '../web/http.ts';
import { agencyCodeParam, zodRoutes } from '../web/params.ts';
import { serverSecret } from '../web/server-secret.ts';
import { registerUploads } from '../web/uploads.ts';
import { applicantToken, applicationOfToken } from './applicant-token.ts';
import { APPLICATION_UPLOAD_LIMITS } from './attachments.ts';
import { answerCorrectionOnline } from './correction.service.ts';
import { CorrectionDonePage } from './correction.views.tsx';
import { onFile, uploadsOf } from './portal.routes.tsx';
import { TrackPage } from './portal.views.tsx';
import { publicViewById } from './tracking.service.ts';

const C = t.notifications.correction;
const codeParams = z.object({ code: agencyCodeParam });

export async function registerCorrectionRoutes(parent: FastifyInstance): Promise<void> {
  await parent.register(async (inner) => {
    const scope = zodRoutes(inner);
    const deps = scope.deps;
    await registerUploads(scope, APPLICATION_UPLOAD_LIMITS, { attachFieldsToBody: 'keyValues', onFile, throwFileSizeLimit: false });

    scope.post('/gk/:code/track/correction', { schema: { params: codeParams } }, async (request, reply) => {
      const agency = await getAgencyByCode(deps.db, request.params.code);
      const values = formValues(request);
      reply.header('cache-control', 'no-store');
      const secret = await serverSecret(deps.db, deps.config);
      const id = applicationOfToken(secret, 'correction', values.token, deps.clock.now());
      const refuse = (message: string, status: number) =>
        sendPage(reply, <CorrectionDonePage agency={agency} elder={request.elder} refusal={message} />, status);
      if (id === null) return refuse(C.expired, 403);
      try {
        const done = await answerCorrectionOnline(deps, agency, id, values, uploadsOf(request));
        return sendPage(reply, <CorrectionDonePage agency={agency} elder={request.elder} done={done} />);
      } catch (caught) {
        const error = asDomainError(caught);
        if (!(error instanceof DomainError)) throw caught;
        if (error.code === 'NOT_FOUND') return refuse(C.expired, 403);
        if (error.code === 'INVALID_STATE') return refuse(error.message, 409);
        if (error.code !== 'VALIDATION') throw caught;
        // Back to the tracking page with what was typed (files must be chosen again) and a fresh token.
        const result = await publicViewById(deps.db, agency.id, id);
        if (!result) return refuse(C.expired, 403);
        const correction = {
          token: applicantToken(secret, 'correction', id, deps.clock.now()),
          form: { values: { text: values.text ?? '' }, message: error.message, fields: error.fields },
        };
        const page = (
          <TrackPage
            agency={agency}
            csrf={reply.generateCsrf()}
            form={{ values: { trackingNo: result.trackingNo }, fields: {} }}
            result={result}
            elder={request.elder}
            correction={correction}
          />
        );
        return sendPage(reply, page, httpStatusOf(error.code));
      }
    });
  });
}
