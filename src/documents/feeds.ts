import { escapeHtml } from '#jsx/jsx-runtime';
import { t } from '../shared/i18n/zh-CN.ts';
import type { PublicDocumentSummary } from './documents.queries.ts';

/** XML text: the HTML escaper covers the five XML entities. */
const x = (s: string) => escapeHtml(s);

// Documents carry calendar dates only; feeds state them at 08:00 China time (00:00 UTC).
const instant = (date: string | null) => `${date ?? '1970-01-01'}T00:00:00Z`;
const rfc822 = (date: string | null) => new Date(instant(date)).toUTCString();

export type FeedChannel = { title: string; link: string; selfUrl: string; description: string };
export type FeedItem = PublicDocumentSummary & { url: string };

const summaryOf = (d: FeedItem) =>
  [t.documents.categories[d.category], d.docNo, d.validity ? t.documents.validity[d.validity] : null, `${t.documents.fields.publishedOn}：${d.publishedOn}`]
    .filter(Boolean)
    .join(' · ');

/** RSS 2.0 of the newest documents. */
export function rssFeed(channel: FeedChannel, items: FeedItem[]): string {
  const entries = items
    .map(
      (d) =>
        `<item><title>${x(d.title)}</title><link>${x(d.url)}</link><guid isPermaLink="true">${x(d.url)}</guid><pubDate>${rfc822(d.publishedOn)}</pubDate><category>${x(t.documents.categories[d.category])}</category><description>${x(summaryOf(d))}</description></item>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>${x(channel.title)}</title><link>${x(channel.link)}</link><description>${x(channel.description)}</description><language>zh-CN</language><atom:link href="${x(channel.selfUrl)}" rel="self" type="application/rss+xml"/>${entries}</channel></rss>\n`;
}

/** Atom 1.0 of the newest documents. */
export function atomFeed(channel: FeedChannel, items: FeedItem[]): string {
  const updated = instant(items[0]?.publishedOn ?? null);
  const entries = items
    .map(
      (d) =>
        `<entry><title>${x(d.title)}</title><link href="${x(d.url)}"/><id>${x(d.url)}</id><updated>${instant(d.publishedOn)}</updated><category term="${x(d.category)}" label="${x(t.documents.categories[d.category])}"/><summary>${x(summaryOf(d))}</summary></entry>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN"><title>${x(channel.title)}</title><link href="${x(channel.link)}"/><link rel="self" href="${x(channel.selfUrl)}"/><id>${x(channel.selfUrl)}</id><updated>${updated}</updated><author><name>${x(channel.title)}</name></author>${entries}</feed>\n`;
}

/** A sitemap of URLs with their last modification dates. */
export function sitemap(urls: { loc: string; lastmod?: string | null }[]): string {
  const body = urls.map((u) => `<url><loc>${x(u.loc)}</loc>${u.lastmod ? `<lastmod>${u.lastmod}</lastmod>` : ''}</url>`).join('');
  return `<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${body}</urlset>\n`;
}

/** A sitemap index pointing at the per-agency sitemaps. */
export function sitemapIndex(locs: string[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${locs.map((l) => `<sitemap><loc>${x(l)}</loc></sitemap>`).join('')}</sitemapindex>\n`;
}
