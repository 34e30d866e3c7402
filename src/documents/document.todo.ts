/**
 * What 主动公开 has waiting for someone (the workbench's port, src/console/todo.ts): documents in 保密审查 (the
 * reviewer) or 审核 (the leader), drafts sent back to their editors, and published 规章 / 规范性文件 still without
 * their interpretation. The legal limit of a document in review is 条例第二十六条's 20 working days from its 成文日期;
 * an interpretation's is the agency's own (解读 within N working days of the document). Reads this module's tables.
 */
import { type TodoContext, type TodoItem, type TodoSource, todoDeadline } from '../console/todo.ts';
import type { Role } from '../db/schema.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { handWritten } from '../shared/typography.ts';
import { getDisclosureSettings, INTERPRETED_CATEGORIES, PUBLICATION_LIMIT_WORKDAYS } from './oversight/oversight.queries.ts';

const T = t.todo.documents;
/** Documents published this many calendar days back or fewer still ask for their missing interpretation. */
const INTERPRETATION_LOOKBACK_DAYS = 366;

const REVIEWER: readonly Role[] = ['reviewer'];
const LEADER: readonly Role[] = ['leader'];
const EDITORS: readonly Role[] = ['editor', 'admin'];

async function listDocumentTodos(ctx: TodoContext): Promise<TodoItem[]> {
  const { db, agency, today, calendar } = ctx;
  const since = new Date(Date.parse(`${today}T00:00:00Z`) - INTERPRETATION_LOOKBACK_DAYS * 86_400_000).toISOString().slice(0, 10);
  const [inReview, sentBack, uninterpreted, settings] = await Promise.all([
    db
      .selectFrom('documents')
      .select(['id', 'title', 'status', 'issuedOn'])
      .where('agencyId', '=', agency.id)
      .where('status', 'in', ['secrecy_review', 'approval'])
      .execute(),
    // A draft whose latest review step sent it back: its editors must revise it.
    db
      .selectFrom('documents as d')
      .innerJoin('reviewSteps as s', 's.documentId', 'd.id')
      .select(['d.id', 'd.title', 'd.issuedOn'])
      .where('d.agencyId', '=', agency.id)
      .where('d.status', '=', 'draft')
      .where('s.step', '=', 'send_back')
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('reviewSteps as later').select('later.id').whereRef('later.documentId', '=', 's.documentId').whereRef('later.id', '>', 's.id'))),
      )
      .execute(),
    db
      .selectFrom('documents as d')
      .select(['d.id', 'd.title', 'd.publishedOn'])
      .where('d.agencyId', '=', agency.id)
      .where('d.status', '=', 'published')
      .where('d.category', 'in', INTERPRETED_CATEGORIES)
      .where('d.publishedOn', '>=', since)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('documents as i').select('i.id').whereRef('i.interpretsId', '=', 'd.id').where('i.status', '=', 'published'))),
      )
      .execute(),
    getDisclosureSettings(db, agency.id),
  ]);
  const href = (id: number) => `/admin/${agency.code}/documents/${id}`;
  const publishBy = (issuedOn: string) => {
    const due = calendar.addWorkdays(issuedOn, PUBLICATION_LIMIT_WORKDAYS);
    return todoDeadline(calendar, today, due.date, due.provisional, T.basisPublish);
  };
  const item = (id: number, title: string, kind: string, action: string, roles: readonly Role[], deadline: TodoItem['deadline']): TodoItem => ({
    key: `documents:${id}:${kind}`,
    source: 'documents',
    record: handWritten(T.record(title)),
    action,
    href: href(id),
    deadline,
    roles,
    assigneeId: null,
  });
  const lag = settings.interpretationLagDays;
  return [
    ...inReview.map((d) =>
      d.status === 'secrecy_review'
        ? item(d.id, d.title, 'secrecy', T.secrecy, REVIEWER, publishBy(d.issuedOn))
        : item(d.id, d.title, 'approval', T.approval, LEADER, publishBy(d.issuedOn)),
    ),
    ...sentBack.map((d) => item(d.id, d.title, 'sent-back', T.sentBack, EDITORS, publishBy(d.issuedOn))),
    ...uninterpreted.map((d) => {
      const due = calendar.addWorkdays(d.publishedOn ?? today, lag);
      return item(
        d.id,
        d.title,
        'interpretation',
        T.interpretation,
        EDITORS,
        todoDeadline(calendar, today, due.date, due.provisional, T.basisInterpretation(lag)),
      );
    }),
  ];
}

/** 主动公开's to-do source, registered in composition.ts. */
export const documentTodoSource: TodoSource = { id: 'documents', label: T.label, list: listDocumentTodos };
