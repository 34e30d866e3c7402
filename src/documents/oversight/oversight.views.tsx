import type { SafeHtml } from '#jsx/jsx-runtime';
import { type ConsoleBase, ConsoleFrame } from '../../console/console-page.tsx';
import { t } from '../../shared/i18n/zh-CN.ts';
import { Alert, CsrfField, Empty, Field, FormErrors, Section, TextAreaField } from '../../web/components.tsx';
import { DataTable } from '../../web/data-table.tsx';
import type { FormState } from '../../web/http.ts';
import { CATEGORIES, type Category } from '../documents.tables.ts';
import type { InterpretationStatus, LateDocument } from './oversight.queries.ts';

const T = t.documents;
const A = T.admin;

/** Normative documents without an interpretation, or with one later than the agency's limit. */
export function InterpretationsPage(p: ConsoleBase & { lagDays: number; items: InterpretationStatus[] }): SafeHtml {
  const missing = p.items.filter((i) => !i.interpretation);
  const late = p.items.filter((i) => i.interpretation && i.late);
  const link = (id: number, title: string) => <a href={`/admin/${p.agency.code}/documents/${id}`}>{title}</a>;
  return (
    <ConsoleFrame {...p} title={A.interpretations}>
      <h1>{A.interpretations}</h1>
      <p class="muted">
        {A.lagDays}：{p.lagDays}
      </p>
      <Section title={A.withoutInterpretation} id="missing">
        {missing.length === 0 ? (
          <Empty>{t.common.none}</Empty>
        ) : (
          <ul class="list">
            {missing.map((i) => (
              <li>
                {link(i.id, i.title)}
                <span class="date">{i.publishedOn}</span>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title={A.lateInterpretation} id="late">
        {late.length === 0 ? (
          <Empty>{t.common.none}</Empty>
        ) : (
          <ul class="list">
            {late.map((i) => (
              <li>
                <span>
                  {link(i.id, i.title)}
                  <br />
                  <span class="muted">
                    {A.lateBy(i.interpretation?.workdays ?? 0)}
                    {i.interpretation?.provisional ? A.provisional : ''}
                  </span>
                </span>
                <span class="date">{i.publishedOn}</span>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </ConsoleFrame>
  );
}

/** Documents published more than 20 working days after they were formed. */
export function TimelinessPage(p: ConsoleBase & { year: number; items: LateDocument[] }): SafeHtml {
  return (
    <ConsoleFrame {...p} title={A.timeliness}>
      <h1>{A.timeliness}</h1>
      <p>{A.timelinessLead}</p>
      <form method="get" class="inline-form">
        <label for="f-year">{T.search.year}</label>
        <input id="f-year" type="number" name="year" value={String(p.year)} min="2000" max="2100" />
        <button class="btn secondary" type="submit">
          {A.filter}
        </button>
      </form>
      {p.items.length === 0 ? (
        <Empty>{t.common.none}</Empty>
      ) : (
        <DataTable
          caption={A.timeliness}
          rows={p.items}
          columns={[
            { header: T.fields.title, cell: (i) => <a href={`/admin/${p.agency.code}/documents/${i.id}`}>{i.title}</a> },
            { header: T.fields.issuedOn, cellClass: 'nowrap', cell: (i) => i.issuedOn },
            { header: T.fields.publishedOn, cellClass: 'nowrap', cell: (i) => i.publishedOn },
            { header: A.delay, class: 'num', cell: (i) => [i.workdays, i.provisional ? '*' : ''] },
          ]}
        />
      )}
    </ConsoleFrame>
  );
}

/** The agency's sensitive-word list. */
export function SensitiveWordsPage(p: ConsoleBase & { words: { id: number; word: string }[]; form: FormState; canEdit: boolean }): SafeHtml {
  const base = `/admin/${p.agency.code}/sensitive-words`;
  return (
    <ConsoleFrame {...p} title={A.sensitiveWords}>
      <h1>{A.sensitiveWords}</h1>
      {p.words.length === 0 ? (
        <Empty>{t.common.none}</Empty>
      ) : (
        <ul class="list">
          {p.words.map((w) => (
            <li>
              <span>{w.word}</span>
              {p.canEdit ? (
                <form method="post" action={`${base}/${w.id}/delete`}>
                  <CsrfField token={p.csrf} />
                  <button type="submit" class="linkish">
                    {A.removeWord}
                    <span class="visually-hidden">{w.word}</span>
                  </button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {p.canEdit ? (
        <Section title={A.addWord} id="add-word">
          <FormErrors message={p.form.message} fields={p.form.fields} />
          <form method="post" action={base} class="stack">
            <CsrfField token={p.csrf} />
            <Field name="word" label={A.word} value={p.form.values.word} error={p.form.fields.word} required />
            <div class="btn-row">
              <button class="btn" type="submit">
                {A.addWord}
              </button>
            </div>
          </form>
        </Section>
      ) : null}
    </ConsoleFrame>
  );
}

/** The column settings: interpretation lag, guide and rules texts; notes for categories with nothing published. */
export function DisclosureSettingsPage(p: ConsoleBase & { form: FormState; notesForm: FormState; counts: Map<Category, number>; saved: boolean }): SafeHtml {
  const v = p.form.values;
  const e = p.form.fields;
  return (
    <ConsoleFrame {...p} title={A.settings}>
      <h1>{A.settings}</h1>
      {p.saved ? <Alert kind="ok">{A.saved}</Alert> : null}
      <FormErrors message={p.form.message} fields={p.form.fields} />
      <form method="post" class="stack wide">
        <CsrfField token={p.csrf} />
        <Field
          name="interpretationLagDays"
          label={A.lagDays}
          hint={A.lagHint}
          type="number"
          value={v.interpretationLagDays}
          error={e.interpretationLagDays}
          required
        />
        <p class="muted">
          {A.guideMoved} <a href={`/admin/${p.agency.code}/guide`}>{t.guide.console.title}</a>
        </p>
        <TextAreaField name="rulesText" label={A.rulesText} value={v.rulesText} error={e.rulesText} rows={12} />
        <div class="btn-row">
          <button class="btn" type="submit">
            {t.common.save}
          </button>
        </div>
      </form>
      <Section title={A.categoryNotes} id="category-notes">
        <p class="muted">{A.categoryNotesHint}</p>
        <FormErrors message={p.notesForm.message} fields={p.notesForm.fields} />
        <form method="post" action={`/admin/${p.agency.code}/disclosure-settings/notes`} class="stack wide">
          <CsrfField token={p.csrf} />
          {CATEGORIES.map((c) => (
            <Field
              name={`note_${c}`}
              label={A.categoryNoteLabel(T.categories[c], p.counts.get(c) ?? 0)}
              value={p.notesForm.values[`note_${c}`]}
              error={p.notesForm.fields[`note_${c}`]}
              maxlength={200}
            />
          ))}
          <div class="btn-row">
            <button class="btn" type="submit">
              {t.common.save}
            </button>
          </div>
        </form>
      </Section>
    </ConsoleFrame>
  );
}
