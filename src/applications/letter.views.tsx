/** The answer letter on its own console page: the official document as the PDF has it, with print and PDF buttons. */
import type { SafeHtml } from '#jsx/jsx-runtime';
import { type ConsoleBase, ConsoleFrame } from '../console/console-page.tsx';
import { t } from '../shared/i18n/zh-CN.ts';
import { Crumbs } from '../web/components.tsx';
import { type OfficialDocument, OfficialDocumentView } from '../web/official-document.tsx';
import { casesPath as base } from './console.parts.tsx';

const C = t.applications.console;

/** The answer letter on its own page, for printing and posting (with the applicant's name), and as PDF. */
export function LetterPage(p: ConsoleBase & { ref: string; doc: OfficialDocument; id: number }): SafeHtml {
  const href = `${base(p.agency)}/${p.id}`;
  return (
    <ConsoleFrame {...p} title={C.letterTitle}>
      <Crumbs items={[{ label: C.queueTitle, href: base(p.agency) }, { label: C.caseTitle(p.ref), href }, { label: C.letterTitle }]} />
      <section class="card letter-sheet">
        <OfficialDocumentView doc={p.doc} headingId="letter-title" />
        <div class="btn-row no-print">
          <button type="button" class="btn secondary" data-print>
            {C.printLetter}
          </button>
          <a class="btn" href={`${href}/letter.pdf`}>
            {t.applications.officialLetter.pdf}
          </a>
        </div>
      </section>
      <script src="/assets/print.js" defer />
    </ConsoleFrame>
  );
}
