import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { agencyParams, type ConsoleBase, consolePage, recordParams } from '../../console/console-page.tsx';
import { emptyForm, type FormState, formValues, sendPage, submitForm } from '../../web/http.ts';
import { textQuery, yearQuery, type ZodRoutes } from '../../web/params.ts';
import { authorize, canEditColumnSettings, canEditSensitiveWords, canOpenCleanupRound } from '../documents.policy.ts';
import { countsByCategory } from '../documents.queries.ts';
import { CATEGORIES } from '../documents.tables.ts';
import { CleanupListPage, CleanupRoundPage } from './cleanup.views.tsx';
import {
  getCategoryNotes,
  getCleanupRound,
  getDisclosureSettings,
  interpretationReport,
  latePublications,
  listCleanupRounds,
  listSensitiveWords,
} from './oversight.queries.ts';
import {
  addSensitiveWord,
  applyCleanupRound,
  createCleanupRound,
  disclosureSettingsForm,
  publishCleanupRound,
  recordCleanupDecisions,
  removeSensitiveWord,
  updateCategoryNotes,
  updateDisclosureSettings,
} from './oversight.service.ts';
import { DisclosureSettingsPage, InterpretationsPage, SensitiveWordsPage, TimelinessPage } from './oversight.views.tsx';

/** The oversight pages of 主动公开: interpretations, timeliness, cleanup rounds, sensitive words, the column's settings. */
export function registerOversightRoutes(app: ZodRoutes): void {
  const deps = app.deps;
  const { db } = deps;
  const prelude = (path: string) => (request: FastifyRequest, reply: FastifyReply) => consolePage(request, reply, path);

  // --- lists ---
  app.get('/:agency/interpretations', { schema: { params: agencyParams } }, async (request, reply) => {
    const b = await consolePage(request, reply, '/interpretations');
    const report = await interpretationReport(db, b.agency.id);
    return sendPage(reply, <InterpretationsPage {...b} lagDays={report.lagDays} items={report.items} />);
  });

  app.get('/:agency/timeliness', { schema: { params: agencyParams, querystring: z.object({ year: yearQuery }) } }, async (request, reply) => {
    const b = await consolePage(request, reply, '/timeliness');
    const year = request.query.year ?? Number(deps.clock.today().slice(0, 4));
    return sendPage(reply, <TimelinessPage {...b} year={year} items={await latePublications(db, b.agency.id, year)} />);
  });

  // --- cleanup rounds ---
  const cleanup = prelude('/cleanup');
  const roundsPage = async (b: ConsoleBase, form: FormState) => (
    <CleanupListPage {...b} rounds={await listCleanupRounds(db, b.agency.id)} form={form} canCreate={canOpenCleanupRound(b.actor, b.agency.id)} />
  );
  app.get('/:agency/cleanup', { schema: { params: agencyParams } }, async (request, reply) =>
    sendPage(reply, await roundsPage(await cleanup(request, reply), emptyForm())),
  );
  app.post('/:agency/cleanup', { schema: { params: agencyParams } }, async (request, reply) => {
    const b = await cleanup(request, reply);
    const values = formValues(request);
    return submitForm(
      reply,
      values,
      () => createCleanupRound(deps, b.actor, b.agency.id, values),
      (round) => `/admin/${b.agency.code}/cleanup/${round.id}`,
      (form) => roundsPage(b, form),
    );
  });

  const roundPage = async (b: ConsoleBase, id: number, form: FormState) => {
    const { round, items } = await getCleanupRound(db, b.agency.id, id);
    return <CleanupRoundPage {...b} round={round} items={items} form={form} />;
  };
  app.get('/:agency/cleanup/:id', { schema: { params: recordParams } }, async (request, reply) =>
    sendPage(reply, await roundPage(await cleanup(request, reply), request.params.id, emptyForm())),
  );
  function roundAction(path: string, run: (b: ConsoleBase, id: number, values: Record<string, string>) => Promise<unknown>) {
    app.post(`/:agency/cleanup/:id/${path}`, { schema: { params: recordParams } }, async (request, reply) => {
      const b = await cleanup(request, reply);
      const { id } = request.params;
      const values = formValues(request);
      return submitForm(
        reply,
        values,
        () => run(b, id, values),
        () => `/admin/${b.agency.code}/cleanup/${id}`,
        (form) => roundPage(b, id, form),
      );
    });
  }
  roundAction('decisions', (b, id, values) => {
    const decisions = Object.entries(values)
      .filter(([k, v]) => k.startsWith('decision_') && v)
      .map(([k, v]) => ({ documentId: Number(k.slice(9)), decision: v, note: values[`note_${k.slice(9)}`] }));
    return recordCleanupDecisions(deps, b.actor, b.agency.id, id, { decisions });
  });
  roundAction('apply', (b, id, values) => applyCleanupRound(deps, b.actor, b.agency.id, id, values));
  roundAction('publish', (b, id) => publishCleanupRound(deps, b.actor, b.agency.id, id));

  // --- sensitive words ---
  const words = prelude('/sensitive-words');
  const wordsPage = async (b: ConsoleBase, form: FormState) => (
    <SensitiveWordsPage {...b} words={await listSensitiveWords(db, b.agency.id)} form={form} canEdit={canEditSensitiveWords(b.actor, b.agency.id)} />
  );
  app.get('/:agency/sensitive-words', { schema: { params: agencyParams } }, async (request, reply) =>
    sendPage(reply, await wordsPage(await words(request, reply), emptyForm())),
  );
  app.post('/:agency/sensitive-words', { schema: { params: agencyParams } }, async (request, reply) => {
    const b = await words(request, reply);
    const values = formValues(request);
    return submitForm(
      reply,
      values,
      () => addSensitiveWord(deps, b.actor, b.agency.id, values),
      () => `/admin/${b.agency.code}/sensitive-words`,
      (form) => wordsPage(b, form),
    );
  });
  app.post('/:agency/sensitive-words/:id/delete', { schema: { params: recordParams } }, async (request, reply) => {
    const b = await words(request, reply);
    await removeSensitiveWord(deps, b.actor, b.agency.id, request.params.id);
    return reply.redirect(`/admin/${b.agency.code}/sensitive-words`, 303);
  });

  // --- the column's settings (admins) ---
  const settings = prelude('/disclosure-settings');
  async function settingsPage(b: ConsoleBase, forms: { form?: FormState; notesForm?: FormState }, saved: boolean) {
    authorize(canEditColumnSettings(b.actor, b.agency.id));
    const [s, notes, counts] = await Promise.all([
      getDisclosureSettings(db, b.agency.id),
      getCategoryNotes(db, b.agency.id),
      countsByCategory(db, b.agency.id),
    ]);
    const form = forms.form ?? emptyForm(disclosureSettingsForm(s));
    const notesForm = forms.notesForm ?? emptyForm(Object.fromEntries(CATEGORIES.map((c) => [`note_${c}`, notes.get(c) ?? ''])));
    return <DisclosureSettingsPage {...b} form={form} notesForm={notesForm} counts={counts} saved={saved} />;
  }
  const savedQuery = z.object({ saved: textQuery });
  app.get('/:agency/disclosure-settings', { schema: { params: agencyParams, querystring: savedQuery } }, async (request, reply) =>
    sendPage(reply, await settingsPage(await settings(request, reply), {}, request.query.saved === '1')),
  );
  app.post('/:agency/disclosure-settings', { schema: { params: agencyParams } }, async (request, reply) => {
    const b = await settings(request, reply);
    const values = formValues(request);
    return submitForm(
      reply,
      values,
      () => updateDisclosureSettings(deps, b.actor, b.agency.id, values),
      () => `/admin/${b.agency.code}/disclosure-settings?saved=1`,
      (form) => settingsPage(b, { form }, false),
    );
  });
  app.post('/:agency/disclosure-settings/notes', { schema: { params: agencyParams } }, async (request, reply) => {
    const b = await settings(request, reply);
    const values = formValues(request);
    return submitForm(
      reply,
      values,
      () => updateCategoryNotes(deps, b.actor, b.agency.id, values),
      () => `/admin/${b.agency.code}/disclosure-settings?saved=1#category-notes`,
      (notesForm) => settingsPage(b, { notesForm }, false),
    );
  });
}
