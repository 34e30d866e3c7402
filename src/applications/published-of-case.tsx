/**
 * The 主动公开 documents a case's information was published as (依申请公开转主动公开, 条例 第四十四条): a port the
 * composition root wires (the proactive module answers), shown on the applicant's tracking page — title and address
 * only.
 */
import type { SafeHtml } from '#jsx/jsx-runtime';
import type { DbOrTrx } from '../db/database.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { Section } from '../web/components.tsx';

export type PublishedDocumentLink = { title: string; href: string };
export type PublishedOfCase = (db: DbOrTrx, trackingNo: string) => Promise<PublishedDocumentLink[]>;

/** The tracking page's section linking the published documents; nothing when there is none. */
export function PublishedAsSection({ links }: { links: readonly PublishedDocumentLink[] | undefined }): SafeHtml | null {
  if (!links || links.length === 0) return null;
  const P = t.applications.proactive;
  return (
    <Section title={P.trackTitle} id="published">
      <p class="muted">{P.trackLead}</p>
      <ul class="list">
        {links.map((l) => (
          <li>
            <a href={l.href}>{l.title}</a>
          </li>
        ))}
      </ul>
    </Section>
  );
}
