/**
 * An official document (公文-like: a letter, a receipt) as one model rendered two ways from the same data: HTML here
 * and PDF in pdf.ts, so the page and the PDF can never say different things.
 */
import type { SafeHtml } from '#jsx/jsx-runtime';

export type OfficialDocument = {
  title: string;
  /** The 文号 under the title (or a marked placeholder before it is allocated). */
  docNumber: string | null;
  /** The 主送 line (“张三：”), without its colon. */
  addressee: string | null;
  /** Body paragraphs, each indented two characters. */
  paragraphs: string[];
  /** Label–value lines (a receipt's facts), after the paragraphs. */
  facts: { label: string; value: string }[];
  /** Agency, date in Chinese form and the marked place for the seal, right-aligned at the end. */
  signature: { agency: string; date: string; seal: string } | null;
};

/** The document on a page: the same order and parts as the PDF. */
export function OfficialDocumentView({ doc, headingId }: { doc: OfficialDocument; headingId: string }): SafeHtml {
  return (
    <article class="official-doc" aria-labelledby={headingId}>
      <h2 id={headingId} class="official-title">
        {doc.title}
      </h2>
      {doc.docNumber ? <p class="official-number">{doc.docNumber}</p> : null}
      {doc.addressee ? <p class="official-addressee">{doc.addressee}：</p> : null}
      {doc.paragraphs.map((para) => (
        <p class="official-para">{para}</p>
      ))}
      {doc.facts.length > 0 ? (
        <dl class="facts official-facts">
          {doc.facts.map((f) => (
            <>
              <dt>{f.label}</dt>
              <dd>{f.value}</dd>
            </>
          ))}
        </dl>
      ) : null}
      {doc.signature ? (
        <div class="official-signature">
          <p>{doc.signature.agency}</p>
          <p>{doc.signature.date}</p>
          <p class="official-seal">{doc.signature.seal}</p>
        </div>
      ) : null}
    </article>
  );
}

/** The document as plain text in the same order (an archive's column): paragraphs indented two full-width spaces. */
export function officialDocumentText(doc: OfficialDocument): string {
  return [
    doc.title,
    doc.docNumber,
    doc.addressee === null ? null : `${doc.addressee}：`,
    ...doc.paragraphs.map((p) => `　　${p}`),
    ...doc.facts.map((f) => `${f.label}：${f.value}`),
    ...(doc.signature ? [doc.signature.agency, doc.signature.date, doc.signature.seal] : []),
  ]
    .filter((line): line is string => line !== null && line !== '')
    .join('\n');
}
