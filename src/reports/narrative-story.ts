/**
 * The parts of the draft that tell the year's story from the records rather than the tables: the forms of
 * interpretation, what applications asked about, the rules and the leading group, trainings, rectification, and
 * section 六 (fees, the 工作要点, proposals, 工作创新). Pure functions: facts in, text out.
 */
import { formatRate } from '../proposals/proposals.service.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import type { NarrativeFacts } from './narrative.ts';

const n = t.reports.narrative;

/** A sentence without its closing punctuation (a loop: a regex like /[。，]+$/ rescans long runs of it). */
export const stripStop = (s: string) => {
  const text = s.trim();
  let end = text.length;
  while (end > 0 && '。；;，,'.includes(text[end - 1] as string)) end--;
  return text.slice(0, end);
};

export const ordinal = (i: number) => n.ordinals[i] ?? String(i + 1);
const monthDay = (date: string) => n.monthDay(Number(date.slice(5, 7)), Number(date.slice(8, 10)));

/** "A、B和C", as a list of sources reads. */
function enumerate(items: string[]): string {
  if (items.length < 2) return items.join('');
  return `${items.slice(0, -1).join(n.enumSeparator)}${n.oversight.lastSeparator}${items.at(-1)}`;
}

/** The order reports name the forms of interpretation in, the most vivid first (interchange codes). */
export const INTERPRETATION_FORM_ORDER = ['video', 'text', 'graphic', 'qa', 'leader', 'press_conference'] as const;

/** "以视频解读、文稿解读…等多样化形式提高政策宣传效果。" from the forms the year's interpretations were published in. */
export function formsSentence(forms: readonly string[]): string {
  const labels = t.documents.forms as Record<string, string>;
  const used = new Set(forms);
  const names = [
    ...INTERPRETATION_FORM_ORDER.filter((f) => used.has(f)),
    ...[...used].filter((f) => !(INTERPRETATION_FORM_ORDER as readonly string[]).includes(f)),
  ]
    .map((f) => labels[f])
    .filter((x): x is string => Boolean(x));
  if (names.length === 0) return '';
  return names.length === 1 ? n.active.oneForm(names[0] as string) : n.active.forms(names.join(n.enumSeparator));
}

/** The subjects the year's applications asked about, as the draft names them (at most five). */
export const SUBJECTS_NAMED = 5;
export function subjectsClause(subjects: readonly string[]): string {
  return subjects
    .map((s) => stripStop(s).replace(/^《(.*)》$/, '$1'))
    .filter(Boolean)
    .slice(0, SUBJECTS_NAMED)
    .join(n.enumSeparator);
}

/** "，严格执行《…保密审核制度》" inside the 政府信息管理 lead, from the rules on record. */
export function rulesClause(rules: readonly string[]): string {
  return rules.map((r) => n.management.rule(r)).join('');
}

export function draftOversight(f: NarrativeFacts, self: string): string {
  const group = f.mechanisms.leadingGroup;
  const lead = !group
    ? n.oversight.lead
    : group.adoptedOn.startsWith(String(f.year))
      ? n.oversight.groupChanged(group.reason ? stripStop(group.reason) : '', group.adjusted, group.name, group.detail ? stripStop(group.detail) : '', self)
      : n.oversight.groupStanding(group.name, group.detail ? stripStop(group.detail) : '', self);
  const paragraphs: string[] = [lead];
  if (f.trainings.length > 0) {
    // A number of people only when every event counted them: a partial sum would understate.
    const total = f.trainings.every((x) => x.attendance > 0) ? f.trainings.reduce((s, x) => s + x.attendance, 0) : null;
    const events = f.trainings.slice(0, 4).map((x) => {
      const verb = n.oversight.isMeeting(x.topic) ? n.oversight.held : n.oversight.organised;
      return n.oversight.event(monthDay(x.heldOn), verb, x.topic, x.notes ? stripStop(x.notes) : null);
    });
    paragraphs.push(
      f.trainings.length === 1 ? n.oversight.oneTraining(events.join(''), total) : n.oversight.trainings(f.trainings.length, total, events.join('；')),
    );
  }
  const found = f.rectification.found;
  if (found.length > 0) paragraphs.push(n.oversight.rectification(enumerate([...new Set(found.map((x) => x.source))])));
  return paragraphs.join('');
}

function workPlanItem(f: NarrativeFacts): string {
  const w = f.workPlan;
  // The tasks done are named (up to three); a count only says what the names do not.
  const named = w.doneTasks.slice(0, 3).map(stripStop);
  const progress =
    w.total === 0 || (w.done >= w.total && named.length >= w.total)
      ? ''
      : w.done >= w.total
        ? n.other.allTasksDone(w.total)
        : n.other.tasksDone(w.total, w.done);
  return n.other.workPlan(w.title ?? n.other.defaultPlan(f.year), named.join(n.listSeparator), progress);
}

function proposalsItem(f: NarrativeFacts, self: string): string {
  const { npc, cppcc } = f.proposals;
  const parts: string[] = [];
  if (cppcc.count > 0) parts.push(n.other.cppcc(f.year, self, cppcc.sessions.join(n.enumSeparator), cppcc.count));
  if (npc.count > 0) parts.push(n.other.npc(npc.sessions.join(n.enumSeparator), npc.count, cppcc.count === 0 ? n.other.npcLead(f.year, self) : ''));
  const all = npc.count + cppcc.count;
  const onTime = npc.onTime + cppcc.onTime;
  const published = npc.published + cppcc.published;
  parts.push(onTime === all && published === all ? n.other.allOnTime : n.other.someOnTime(onTime, published));
  const rates = [cppcc.count > 0 ? cppcc.rate : null, npc.count > 0 ? npc.rate : null].filter((r) => r !== null);
  if (rates.length > 0 && rates.every((r) => r === 1)) parts.push(n.other.fullSatisfaction(cppcc.count > 0 && npc.count > 0));
  else if (rates.length > 0) parts.push(n.other.satisfaction(cppcc.count > 0 ? formatRate(cppcc.rate) : null, npc.count > 0 ? formatRate(npc.rate) : null));
  return parts.join('');
}

export function draftOther(f: NarrativeFacts, self: string): string {
  const items: [string, string][] = [];
  const g = f.figures;
  const fees =
    !g || (g.processingFeeNotices === 0 && g.processingFeeCollected === 0)
      ? n.other.noFees(self, f.year)
      : n.other.fees(self, f.year, g.processingFeeNotices, g.processingFeeCollected);
  items.push([n.other.feesTitle, fees]);
  if (f.workPlan.title || f.workPlan.total > 0) items.push([n.other.workPlanTitle, workPlanItem(f)]);
  if (f.proposals.npc.count + f.proposals.cppcc.count > 0) items.push([n.other.proposalsTitle, proposalsItem(f, self)]);
  if (f.innovations.length > 0) items.push([n.other.innovationsTitle, f.innovations.map((x) => `${stripStop(x.summary)}。`).join('')]);
  return items.map(([title, text], i) => n.ordinalItem(ordinal(i), title, text)).join('\n');
}
