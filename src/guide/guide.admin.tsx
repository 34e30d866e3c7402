/** The console's 公开指南 page: what the guide still lacks, its own facts, and the staff's text per section. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { SafeHtml } from '#jsx/jsx-runtime';
import { agencyParams, type ConsoleBase, ConsoleFrame, consolePage, consoleRoutes } from '../console/console-page.tsx';
import { t } from '../shared/i18n/zh-CN.ts';
import { Alert, CheckboxField, Crumbs, CsrfField, Field, FormErrors, RadioGroup, Section, TextAreaField } from '../web/components.tsx';
import { emptyForm, type FormState, formValues, sendPage, submitForm } from '../web/http.ts';
import { textQuery, type ZodRoutes } from '../web/params.ts';
import { type FillAt, type MissingFact, missingGuideFacts } from './guide.model.ts';
import { guideSections, guideSettings, loadGuide } from './guide.queries.ts';
import { canEditGuide, guideSectionsForm, guideSettingsForm, saveGuideSections, saveGuideSettings } from './guide.service.ts';
import { GUIDE_SECTIONS } from './guide.tables.ts';

const C = t.guide.console;

const fillHref = (code: string, at: FillAt) =>
  at === 'facts' ? `/admin/${code}/settings` : at === 'applications' ? `/admin/${code}/applications/settings` : `/admin/${code}/guide#guide-facts`;
const fillLabel = (at: FillAt) => (at === 'facts' ? C.whereFacts : at === 'applications' ? C.whereApplications : C.whereGuide);

type PageProps = ConsoleBase & { missing: MissingFact[]; facts: FormState; sections: FormState; saved: boolean; canEdit: boolean };

function GuideAdminPage(p: PageProps): SafeHtml {
  const code = p.agency.code;
  const v = p.facts.values;
  const e = p.facts.fields;
  const sv = p.sections.values;
  return (
    <ConsoleFrame {...p} title={C.title}>
      <Crumbs items={[{ label: p.agency.name, href: `/admin/${code}` }, { label: C.title }]} />
      <h1>{C.title}</h1>
      <p class="muted">{C.lead}</p>
      <p>
        <a href={`/gk/${code}/guide`}>{C.view}</a>
      </p>
      {p.saved ? <Alert kind="ok">{C.saved}</Alert> : null}
      {!p.canEdit ? <Alert kind="info">{C.adminOnly}</Alert> : null}
      <Section title={C.missingTitle} id="guide-missing">
        {p.missing.length === 0 ? (
          <p>{C.missingNone}</p>
        ) : (
          <>
            <p>{C.missingLead}</p>
            <ul class="missing-facts">
              {p.missing.map((m) => (
                <li>
                  {m.label}（{C.fillAt}：<a href={fillHref(code, m.at)}>{fillLabel(m.at)}</a>）
                </li>
              ))}
            </ul>
          </>
        )}
      </Section>
      <Section title={C.factsTitle} id="guide-facts">
        <FormErrors message={p.facts.message} fields={e} />
        <form method="post" action={`/admin/${code}/guide`} class="stack">
          <CsrfField token={p.csrf} />
          <TextAreaField name="functions" label={C.functions} value={v.functions} error={e.functions} rows={6} maxlength={5000} />
          <Field name="mailingAddress" label={C.mailingAddress} value={v.mailingAddress} error={e.mailingAddress} maxlength={200} />
          <Field name="receptionAddress" label={C.receptionAddress} value={v.receptionAddress} error={e.receptionAddress} maxlength={200} />
          <CheckboxField name="acceptsEmail" label={C.acceptsEmail} checked={v.acceptsEmail === 'on'} />
          <Field name="feePayment" label={C.feePayment} value={v.feePayment} error={e.feePayment} maxlength={500} />
          <Field name="supervisor" label={C.supervisor} value={v.supervisor} error={e.supervisor} maxlength={100} />
          <Field name="supervisorPhone" label={C.supervisorPhone} value={v.supervisorPhone} error={e.supervisorPhone} maxlength={50} />
          <TextAreaField
            name="complaintChannels"
            label={C.complaintChannels}
            value={v.complaintChannels}
            error={e.complaintChannels}
            rows={2}
            maxlength={500}
          />
          <Field name="reviewPhone" label={C.reviewPhone} value={v.reviewPhone} error={e.reviewPhone} maxlength={50} />
          <Field name="courtPhone" label={C.courtPhone} value={v.courtPhone} error={e.courtPhone} maxlength={50} />
          {p.canEdit ? (
            <div class="btn-row">
              <button class="btn" type="submit">
                {C.save}
              </button>
            </div>
          ) : null}
        </form>
      </Section>
      <Section title={C.sectionsTitle} id="guide-sections">
        <FormErrors message={p.sections.message} fields={p.sections.fields} />
        <form method="post" action={`/admin/${code}/guide/sections`} class="stack">
          <CsrfField token={p.csrf} />
          {GUIDE_SECTIONS.map((k) => (
            <fieldset class="guide-section-edit">
              <legend>{t.guide.sections[k]}</legend>
              <RadioGroup
                name={`mode_${k}`}
                label={C.sectionMode}
                value={sv[`mode_${k}`] ?? 'append'}
                options={[
                  { value: 'append', label: C.modeAppend },
                  { value: 'replace', label: C.modeReplace },
                ]}
              />
              <TextAreaField
                name={`body_${k}`}
                label={C.sectionBody}
                value={sv[`body_${k}`]}
                error={p.sections.fields[`body_${k}`]}
                rows={4}
                maxlength={20000}
              />
            </fieldset>
          ))}
          {p.canEdit ? (
            <div class="btn-row">
              <button class="btn" type="submit">
                {C.save}
              </button>
            </div>
          ) : null}
        </form>
      </Section>
    </ConsoleFrame>
  );
}

/** /admin/:agency/guide: the page, and its two forms (the guide's facts; the sections' texts). */
export async function registerGuideAdminRoutes(admin: FastifyInstance): Promise<void> {
  await admin.register(async (scope) => guideAdminRoutes(consoleRoutes(scope)));
}

function guideAdminRoutes(app: ZodRoutes): void {
  const deps = app.deps;
  const { db } = deps;
  const page = (request: FastifyRequest, reply: FastifyReply) => consolePage(request, reply, '/guide');
  const render = async (b: ConsoleBase, forms: { facts?: FormState; sections?: FormState }, saved = false) => (
    <GuideAdminPage
      {...b}
      missing={missingGuideFacts(await loadGuide(db, b.agency))}
      facts={forms.facts ?? emptyForm(guideSettingsForm(await guideSettings(db, b.agency.id)))}
      sections={forms.sections ?? emptyForm(guideSectionsForm(await guideSections(db, b.agency.id)))}
      saved={saved}
      canEdit={canEditGuide(b.actor, b.agency.id)}
    />
  );

  app.get('/:agency/guide', { schema: { params: agencyParams, querystring: z.object({ saved: textQuery }) } }, async (request, reply) => {
    const b = await page(request, reply);
    return sendPage(reply, await render(b, {}, request.query.saved === '1'));
  });

  app.post('/:agency/guide', { schema: { params: agencyParams } }, async (request, reply) => {
    const b = await page(request, reply);
    const values = formValues(request);
    return submitForm(
      reply,
      values,
      () => saveGuideSettings(deps, b.actor, b.agency.id, values),
      () => `/admin/${b.agency.code}/guide?saved=1`,
      (form) => render(b, { facts: form }),
    );
  });

  app.post('/:agency/guide/sections', { schema: { params: agencyParams } }, async (request, reply) => {
    const b = await page(request, reply);
    const values = formValues(request);
    return submitForm(
      reply,
      values,
      () => saveGuideSections(deps, b.actor, b.agency.id, values),
      () => `/admin/${b.agency.code}/guide?saved=1`,
      (form) => render(b, { sections: form }),
    );
  });
}
