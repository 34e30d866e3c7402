// The generated corpus of the documents benchmarks: published documents spread over `agencies` agencies and 13 years,
// the same for SQLite and PostgreSQL (seeded), with 文号 on policies and normative documents.
import type { Category } from '../src/documents/documents.tables.ts';
import { bodyText, seededRandom, titleFor } from '../src/documents/sample-text.ts';
import type { IndexableDocument } from '../src/search/search.service.ts';

const MIX: [Category, number][] = [
  ['news', 30],
  ['policy', 20],
  ['meeting', 10],
  ['proposal_reply', 8],
  ['statistics', 8],
  ['enforcement', 8],
  ['interpretation', 6],
  ['normative', 4],
  ['budget', 3],
  ['other', 3],
];

export type CorpusDoc = IndexableDocument & { category: Category; ref: string; indexNo: string };

export const ISSUING_BODY = '聊城市工业和信息化局';

/** The n documents, ids 1…n, oldest first; document i belongs to agencyIds[i % agencyIds.length]. */
export function* corpus(n: number, agencyIds: readonly number[]): Generator<CorpusDoc> {
  const rng = seededRandom(1_000_000);
  const cats: Category[] = MIX.flatMap(([c, w]) => Array<Category>(w).fill(c));
  const day0 = Date.parse('2012-01-01T00:00:00Z');
  const span = Date.parse('2024-12-31T00:00:00Z') - day0;
  for (let i = 1; i <= n; i++) {
    const category = cats[Math.floor(rng() * cats.length)] as Category;
    const publishedOn = new Date(day0 + Math.floor((span * i) / n / 86_400_000) * 86_400_000).toISOString().slice(0, 10);
    const year = Number(publishedOn.slice(0, 4));
    const title = titleFor(rng, category, year, i);
    const text = bodyText(rng, 1 + Math.floor(rng() * 2));
    const docNo = category === 'normative' || category === 'policy' ? `聊工信${category === 'normative' ? '发' : '字'}〔${year}〕${1 + (i % 150)}号` : null;
    yield {
      id: i,
      agencyId: agencyIds[i % agencyIds.length] as number,
      ref: `B-${i}`,
      indexNo: `11371500MB2856218K/${year}-${String(i).padStart(7, '0')}`,
      title,
      docNo,
      bodyText: text,
      attachmentText: '',
      category,
      publishedOn,
      validity: category === 'normative' ? 'in_force' : null,
      issuingBody: ISSUING_BODY,
    };
  }
}

/** The queries of each class, as a person types them. */
export const QUERY_CLASSES: Record<string, string[]> = {
  '1-char': ['企', '业', '数', '安', '绿', '链'],
  '2-char': ['企业', '工作', '发展', '管理', '通知', '产业', '数字', '安全'],
  '3-char': ['数字化', '技术改', '互联网', '中小企', '产业链', '新能源'],
  '4-char': ['中小企业', '工业经济', '营商环境', '技术改造', '安全生产', '绿色制造', '产业集群', '专精特新'],
  文号: ['聊工信字〔2020〕12号', '聊工信发[2018]7号', '聊工信字（2023）101号', '聊工信字﹝2015﹞33号', '聊工信发〔2024〕150号'],
};
