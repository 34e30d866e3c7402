/**
 * 依申请公开转主动公开 (条例 第四十四条): which disclosed applications asked for substantially the same information.
 * Two cases are similar when their subjects share most of their words (Jaccard index of jieba's content words, words
 * common to every application such as 信息、公开 left out) or when the answers provided the same document. Clusters
 * are the connected groups of similar cases, so the result does not depend on the order the cases come in. A cluster
 * is suggested when its cases come from at least `minApplicants` distinct applicants.
 */
import { contentWords } from '../search/tokenize.ts';

/** A disclosed case as the rule sees it. */
export type DisclosedCase = {
  id: number;
  ref: string;
  subject: string;
  /** Digest of the applicant's identity (null when unknown: the case counts as an applicant of its own). */
  applicantKey: string | null;
  closedOn: string;
  /** Documents provided in the answer (ids), where the data has them. */
  documentIds?: readonly number[] | undefined;
};

export type Cluster = { key: string; subject: string; cases: DisclosedCase[]; applicants: number };

export type ClusterRule = { minApplicants: number; minSimilarity: number };
export const DEFAULT_RULE: ClusterRule = { minApplicants: 2, minSimilarity: 0.5 };

/** Words every application tends to carry, which say nothing about what is asked for. */
const GENERIC = new Set([
  '申请',
  '公开',
  '信息',
  '政府',
  '政府信息',
  '相关',
  '有关',
  '关于',
  '提供',
  '查询',
  '获取',
  '内容',
  '情况',
  '文件',
  '请求',
  '要求',
  '本人',
  '希望',
  '需要',
]);

export function subjectWords(subject: string): Set<string> {
  return new Set(contentWords(subject).filter((w) => !GENERIC.has(w)));
}

/** The Jaccard index of two word sets (0 when both are empty: an empty subject is like nothing). */
export function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / (a.size + b.size - shared);
}

const byRef = (a: DisclosedCase, b: DisclosedCase) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : a.id - b.id);

/** The clusters to suggest, largest first (then by their first reference). */
export function clusterCases(cases: readonly DisclosedCase[], rule: ClusterRule = DEFAULT_RULE): Cluster[] {
  const sorted = [...cases].sort(byRef);
  const words = sorted.map((c) => subjectWords(c.subject));
  const parent = sorted.map((_, i) => i);
  const find = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] as number;
    return r;
  };
  const union = (i: number, j: number) => {
    const a = find(i);
    const b = find(j);
    // The smaller index is the root: the same forest whatever order the pairs come in.
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  };
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) {
      const a = sorted[i] as DisclosedCase;
      const b = sorted[j] as DisclosedCase;
      const sharedDoc = (a.documentIds ?? []).some((d) => (b.documentIds ?? []).includes(d));
      if (sharedDoc || similarity(words[i] as Set<string>, words[j] as Set<string>) >= rule.minSimilarity) union(i, j);
    }
  }
  const groups = new Map<number, DisclosedCase[]>();
  sorted.forEach((c, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), c]);
  });
  const clusters: Cluster[] = [];
  for (const members of groups.values()) {
    const applicants = new Set(members.map((c) => c.applicantKey ?? `case:${c.id}`)).size;
    if (applicants < rule.minApplicants) continue;
    clusters.push({ key: clusterKey(members.map((c) => c.id)), subject: representativeSubject(members), cases: members, applicants });
  }
  return clusters.sort((a, b) => b.cases.length - a.cases.length || byRef(a.cases[0] as DisclosedCase, b.cases[0] as DisclosedCase));
}

/** A cluster's identity: its case ids, sorted (a form posts it back; a changed cluster no longer matches). */
export function clusterKey(ids: readonly number[]): string {
  return [...ids].sort((a, b) => a - b).join('-');
}

/** The subject that shares most words with the others (ties: the earliest reference), as the draft's title. */
function representativeSubject(members: readonly DisclosedCase[]): string {
  const sets = members.map((c) => subjectWords(c.subject));
  let best = 0;
  let bestScore = -1;
  sets.forEach((s, i) => {
    const score = sets.reduce((sum, o, j) => (i === j ? sum : sum + similarity(s, o)), 0);
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  return (members[best] as DisclosedCase).subject.trim();
}
