import { raw, type SafeHtml } from '#jsx/jsx-runtime';
import { t } from '../../shared/i18n/zh-CN.ts';
import type { PublicDocument } from '../documents.queries.ts';
import { AgencyPage, categoryPath, docPath, type FrameProps, ValidityBadge } from './portal-parts.tsx';

const T = t.documents;
const P = T.portal;

const kb = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

/**
 * The 信息索引 on a phone (the table above is hidden there): under the title, the key fields in two columns, the rest
 * folded.
 */
function CompactMeta({ d }: { d: PublicDocument }): SafeHtml {
  return (
    <div class="doc-meta-compact">
      <dl class="meta-key">
        <div class="wide">
          <dt>{T.fields.indexNo}</dt>
          <dd>{d.indexNo}</dd>
        </div>
        <div>
          <dt>{T.fields.issuingBody}</dt>
          <dd>{d.issuingBody}</dd>
        </div>
        <div>
          <dt>{T.fields.issuedOn}</dt>
          <dd>{d.issuedOn}</dd>
        </div>
        <div class="wide">
          <dt>{T.fields.docNo}</dt>
          <dd>{d.docNo ?? t.common.none}</dd>
        </div>
        {d.validity ? (
          <div class="wide">
            <dt>{T.fields.validity}</dt>
            <dd>
              <ValidityBadge validity={d.validity} />
              {d.validityChangedOn ? <span class="muted"> （{d.validityChangedOn}）</span> : null}
            </dd>
          </div>
        ) : null}
      </dl>
      <details>
        <summary>{t.frame.moreMeta}</summary>
        <dl class="meta-key">
          <div>
            <dt>{T.fields.category}</dt>
            <dd>
              {T.categories[d.category]}
              {d.topic ? ` · ${d.topic}` : ''}
            </dd>
          </div>
          <div>
            <dt>{T.fields.publishedOn}</dt>
            <dd>{d.publishedOn}</dd>
          </div>
        </dl>
      </details>
    </div>
  );
}

/** A document's page: the 信息索引 table with validity shown prominently, the body, attachments, interpretation links, versions. */
export function DocumentPage(p: Omit<FrameProps, 'title' | 'crumbs'> & { doc: PublicDocument }): SafeHtml {
  const d = p.doc;
  const code = p.agency.code;
  return (
    <AgencyPage
      {...p}
      title={d.title}
      crumbs={[
        { label: T.categories[d.category], href: categoryPath(code, d.category) },
        { label: d.title.length > 24 ? `${d.title.slice(0, 24)}…` : d.title },
      ]}
    >
      <article class="card document" aria-labelledby="doc-title">
        <table class="doc-meta">
          <caption class="visually-hidden">{P.indexTable}</caption>
          <tbody>
            <tr>
              <th scope="row">{T.fields.indexNo}</th>
              <td>{d.indexNo}</td>
              <th scope="row">{T.fields.category}</th>
              <td>
                {T.categories[d.category]}
                {d.topic ? ` · ${d.topic}` : ''}
              </td>
            </tr>
            <tr>
              <th scope="row">{T.fields.issuingBody}</th>
              <td>{d.issuingBody}</td>
              <th scope="row">{T.fields.docNo}</th>
              <td>{d.docNo ?? t.common.none}</td>
            </tr>
            <tr>
              <th scope="row">{T.fields.issuedOn}</th>
              <td>{d.issuedOn}</td>
              <th scope="row">{T.fields.publishedOn}</th>
              <td>{d.publishedOn}</td>
            </tr>
            {d.validity ? (
              <tr>
                <th scope="row">{T.fields.validity}</th>
                <td colspan="3">
                  <ValidityBadge validity={d.validity} big />
                  {d.validityChangedOn ? <span class="muted"> （{d.validityChangedOn}）</span> : null}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
        <h1 id="doc-title" class="doc-heading">
          {d.title}
        </h1>
        {d.docNo ? <p class="doc-number">{d.docNo}</p> : null}
        <CompactMeta d={d} />
        {d.version > 1 ? <p class="alert info">{P.correctedNote(d.version)}</p> : null}
        {d.interprets ? (
          <p class="relation">
            {P.interpretedDoc}：<a href={docPath(code, d.interprets.id)}>{d.interprets.title}</a>
          </p>
        ) : null}
        <div class="doc-body">{raw(d.bodyHtml)}</div>
        {d.attachments.length > 0 ? (
          <section aria-labelledby="att-title">
            <h2 id="att-title">{T.fields.attachments}</h2>
            <ul class="attachments">
              {d.attachments.map((a) => (
                <li>
                  <a href={`${docPath(code, d.id)}/files/${a.id}`} download={a.fileName}>
                    {a.fileName}
                  </a>{' '}
                  <span class="muted">（{kb(a.size)}）</span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {d.interpretations.length > 0 ? (
          <section aria-labelledby="interp-title">
            <h2 id="interp-title">{P.relatedInterpretations}</h2>
            <ul class="list">
              {d.interpretations.map((i) => (
                <li>
                  <a href={docPath(code, i.id)}>{i.title}</a>
                  <span class="date">
                    {i.interpretationForm ? `${T.forms[i.interpretationForm as keyof typeof T.forms] ?? ''} · ` : ''}
                    {i.publishedOn}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {d.versions.length > 0 ? (
          <section aria-labelledby="ver-title">
            <h2 id="ver-title">{P.versions}</h2>
            <ul class="list">
              {d.versions.map((v) => (
                <li>
                  <span>
                    {v.title}
                    <span class="muted"> — {P.versionNote(v.version, v.replacedOn, v.reason)}</span>
                  </span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </article>
    </AgencyPage>
  );
}

/** The page of a withdrawn document: says so in words, without the reason (which may concern internal matters). */
export function WithdrawnPage(p: Omit<FrameProps, 'title' | 'crumbs'>): SafeHtml {
  return (
    <AgencyPage {...p} title={T.errors.withdrawn} crumbs={[{ label: T.errors.withdrawn }]}>
      <section class="card">
        <h1>{T.errors.withdrawn}</h1>
        <p>
          <a href={`/gk/${p.agency.code}/`}>{t.site.backHome}</a>
        </p>
      </section>
    </AgencyPage>
  );
}
