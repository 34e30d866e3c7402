/** The answer's files: the section of the case page, the page choosing published documents, the applicant's downloads. */
import type { SafeHtml } from '#jsx/jsx-runtime';
import { type ConsoleBase, ConsoleFrame } from '../console/console-page.tsx';
import type { Agency } from '../db/schema.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { OUTCOME_LABELS, type OutcomeCode } from '../vocabulary/codes.ts';
import { Alert, Crumbs, CsrfField, FileField, Section, SelectField } from '../web/components.tsx';
import { DataTable } from '../web/data-table.tsx';
import type { DocumentChoice, PublicAnswerDownloads } from './answer-files.queries.ts';
import { ANSWER_FILE_ROLES } from './answer-files.rules.ts';
import type { CaseView } from './applications.queries.ts';
import type { FailedAction } from './case-actions.views.tsx';
import { casesPath } from './console.parts.tsx';

const F = t.applications.answerFiles;
const D = t.applications.answerDownloads;

/** A size as readers expect it: KB below a megabyte, MB with one decimal above. */
export const fileSize = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.ceil(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

/** A one-button form posting to `action` (remove, link), labelled for screen readers with what it acts on. */
function ButtonForm(p: { csrf: string; action: string; label: string; ariaLabel: string; danger?: boolean }): SafeHtml {
  return (
    <form method="post" action={p.action}>
      <CsrfField token={p.csrf} />
      <button class={p.danger ? 'btn small danger' : 'btn small secondary'} type="submit" aria-label={p.ariaLabel}>
        {p.label}
      </button>
    </form>
  );
}

/** The case page's section: the answer's files and linked documents, with upload, removal and linking while unsigned. */
export function AnswerFilesSection(p: { view: CaseView; agency: Agency; csrf: string; failed?: FailedAction | undefined }): SafeHtml {
  const a = p.view.answerFiles;
  const base = `${casesPath(p.agency)}/${p.view.row.id}/answer-files`;
  const edit = a.editable && p.view.canHandle;
  const remove = a.removable && p.view.canHandle;
  const failed = p.failed?.action === 'answer_files' ? p.failed.state : undefined;
  if (!a.provides && a.files.length === 0 && a.documents.length === 0) {
    return (
      <Section title={F.title} id="answer-files">
        <p class="muted">{p.view.row.outcome ? F.notOffered : F.noAnswerYet}</p>
      </Section>
    );
  }
  return (
    <Section title={F.title} id="answer-files">
      <p class="muted">{a.editable ? F.lead : a.removable ? F.nothingProvided(OUTCOME_LABELS[p.view.row.outcome as OutcomeCode] ?? '') : F.locked}</p>
      <DataTable
        caption={F.filesCaption}
        rows={a.files}
        empty={F.noFiles}
        columns={[
          { header: F.columns.name, rowHeader: true, cell: (f) => <a href={`${base}/${f.id}`}>{f.filename}</a> },
          {
            header: F.columns.role,
            cell: (f) => <span class={f.role === 'original' ? 'badge warn' : f.role === 'redacted' ? 'badge info' : 'badge ok'}>{F.roleShort[f.role]}</span>,
          },
          { header: F.columns.size, cellClass: 'nowrap', cell: (f) => fileSize(f.size) },
          { header: F.columns.downloads, class: 'num hide-sm', cell: (f) => (f.role === 'original' ? '—' : String(f.downloads)) },
          remove
            ? {
                header: F.columns.action,
                cell: (f) => <ButtonForm csrf={p.csrf} action={`${base}/${f.id}/remove`} label={F.remove} ariaLabel={F.removeFile(f.filename)} danger />,
              }
            : null,
        ]}
      />
      {edit ? (
        <form method="post" action={base} enctype="multipart/form-data" class="stack" novalidate>
          <CsrfField token={p.csrf} />
          <SelectField
            name="role"
            label={F.roleLabel}
            hint={F.roleHint}
            value={failed?.values.role ?? (p.view.row.outcome === 'partial' ? 'redacted' : 'provided')}
            error={failed?.fields.role}
            options={ANSWER_FILE_ROLES.map((r) => ({ value: r, label: F.roles[r] }))}
          />
          <FileField
            name="attachments"
            label={F.fileLabel}
            hint={F.fileHint}
            multiple
            accept=".pdf,.png,.jpg,.jpeg,.docx,.ofd"
            error={failed?.fields.attachments}
          />
          <div class="btn-row">
            <button class="btn secondary" type="submit">
              {F.upload}
            </button>
          </div>
        </form>
      ) : null}
      <h3>{F.documentsCaption}</h3>
      <DataTable
        caption={F.documentsCaption}
        rows={a.documents}
        empty={F.noDocuments}
        columns={[
          { header: F.docColumns.title, rowHeader: true, cell: (d) => <a href={`/gk/${p.agency.code}/d/${d.documentId}`}>{d.title}</a> },
          { header: F.docColumns.publishedOn, cellClass: 'nowrap', class: 'hide-sm', cell: (d) => d.publishedOn ?? '—' },
          remove
            ? {
                header: F.docColumns.action,
                cell: (d) => (
                  <ButtonForm csrf={p.csrf} action={`${base}/documents/${d.documentId}/unlink`} label={F.remove} ariaLabel={F.removeFile(d.title)} danger />
                ),
              }
            : null,
        ]}
      />
      {edit ? (
        <form method="get" action={`${base}/documents`} class="inline-form search-link">
          <label for="f-docq">{F.searchLabel}</label>
          <input id="f-docq" name="q" type="search" maxlength={100} />
          <button class="btn secondary" type="submit">
            {F.search}
          </button>
        </form>
      ) : null}
    </Section>
  );
}

/** The page choosing published documents to link, by a search of titles (and text). */
export function AnswerDocumentsPage(
  p: ConsoleBase & { id: number; ref: string; q: string; results: DocumentChoice[]; linked: ReadonlySet<number>; error?: string | undefined },
): SafeHtml {
  const caseHref = `${casesPath(p.agency)}/${p.id}`;
  const base = `${caseHref}/answer-files`;
  const C = t.applications.console;
  return (
    <ConsoleFrame {...p} title={F.searchTitle}>
      <Crumbs items={[{ label: C.queueTitle, href: casesPath(p.agency) }, { label: C.caseTitle(p.ref), href: caseHref }, { label: F.searchTitle }]} />
      <h1>{F.searchTitle}</h1>
      {p.error ? <Alert kind="error">{p.error}</Alert> : null}
      <form method="get" action={`${base}/documents`} class="inline-form search-link">
        <label for="f-docq">{F.searchLabel}</label>
        <input id="f-docq" name="q" type="search" maxlength={100} value={p.q} />
        <button class="btn secondary" type="submit">
          {F.search}
        </button>
      </form>
      {p.q.trim() === '' ? (
        <p class="muted">{F.searchEmpty}</p>
      ) : (
        <>
          <p>{p.results.length === 0 ? F.searchNone(p.q) : F.searchResults(p.q, p.results.length)}</p>
          <DataTable
            caption={F.searchTitle}
            rows={p.results}
            columns={[
              { header: F.docColumns.title, rowHeader: true, cell: (d) => <a href={`/gk/${p.agency.code}/d/${d.id}`}>{d.title}</a> },
              { header: F.docColumns.docNo, class: 'hide-sm', cell: (d) => d.docNo ?? '—' },
              { header: F.docColumns.publishedOn, cellClass: 'nowrap', class: 'hide-sm', cell: (d) => d.publishedOn ?? '—' },
              {
                header: F.docColumns.action,
                cell: (d) =>
                  p.linked.has(d.id) ? (
                    <span class="badge ok">{F.linked}</span>
                  ) : (
                    <ButtonForm csrf={p.csrf} action={`${base}/documents/${d.id}/link`} label={F.link} ariaLabel={`${F.link}“${d.title}”`} />
                  ),
              },
            ]}
          />
        </>
      )}
      <p>
        <a href={`${caseHref}#answer-files-title`}>{F.back}</a>
      </p>
    </ConsoleFrame>
  );
}

/** The tracking page's section: what the answer provides, downloadable until the period ends. */
export function AnswerDownloadsSection({ d }: { d: PublicAnswerDownloads }): SafeHtml {
  return (
    <Section title={D.title} id="answer-files">
      {d.ended ? <Alert kind="warn">{D.ended(d.until)}</Alert> : <p>{D.lead(d.until)}</p>}
      {d.ended ? (
        <dl class="facts">
          <dt>{D.contact}</dt>
          <dd>{[d.office.name, d.office.phone, d.office.address].filter(Boolean).join('，')}</dd>
        </dl>
      ) : null}
      {d.files.length > 0 ? (
        <DataTable
          caption={D.filesCaption}
          rows={d.files}
          columns={[
            {
              header: D.columns.name,
              rowHeader: true,
              cell: (f) =>
                f.href ? (
                  <a href={f.href} download={f.filename} aria-label={D.download(f.filename)}>
                    {f.filename}
                  </a>
                ) : (
                  f.filename
                ),
            },
            { header: D.columns.role, cell: (f) => f.roleLabel },
            { header: D.columns.size, cellClass: 'nowrap', cell: (f) => fileSize(f.size) },
          ]}
        />
      ) : null}
      {d.documents.length > 0 ? (
        <>
          <h3>{D.documents}</h3>
          <ul>
            {d.documents.map((doc) => (
              <li>
                <a href={doc.href}>{doc.title}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Section>
  );
}
