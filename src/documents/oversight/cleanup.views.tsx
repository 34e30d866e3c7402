import type { Selectable } from 'kysely';
import type { SafeHtml } from '#jsx/jsx-runtime';
import { ActionForm, type ConsoleBase, ConsoleFrame } from '../../console/console-page.tsx';
import { t } from '../../shared/i18n/zh-CN.ts';
import { CsrfField, Empty, Field, FormErrors, Section } from '../../web/components.tsx';
import type { FormState } from '../../web/http.ts';
import type { CleanupDecisionsTable, CleanupRoundsTable as RoundTable } from '../documents.tables.ts';
import { AgencyPage, docPath, type FrameProps } from '../portal/portal-parts.tsx';

const T = t.documents;
const A = T.admin;
const P = T.portal;
type CleanupRoundsTable = Selectable<RoundTable>;

/** Cleanup rounds and the form to open one. */
export function CleanupListPage(p: ConsoleBase & { rounds: CleanupRoundsTable[]; form: FormState; canCreate: boolean }): SafeHtml {
  return (
    <ConsoleFrame {...p} title={A.cleanup}>
      <h1>{A.cleanup}</h1>
      {p.rounds.length === 0 ? (
        <Empty>{t.common.none}</Empty>
      ) : (
        <ul class="list">
          {p.rounds.map((r) => (
            <li>
              <a href={`/admin/${p.agency.code}/cleanup/${r.id}`}>{r.title}</a>
              <span class="date">{A.roundStatuses[r.status]}</span>
            </li>
          ))}
        </ul>
      )}
      {p.canCreate ? (
        <Section title={A.newRound} id="new-round">
          <FormErrors message={p.form.message} fields={p.form.fields} />
          <form method="post" class="stack">
            <CsrfField token={p.csrf} />
            <Field name="title" label={A.roundTitle} value={p.form.values.title} error={p.form.fields.title} required />
            <div class="btn-row">
              <button class="btn" type="submit">
                {A.newRound}
              </button>
            </div>
          </form>
        </Section>
      ) : null}
    </ConsoleFrame>
  );
}

type RoundItem = {
  id: number;
  title: string;
  docNo: string | null;
  publishedOn: string | null;
  decision: CleanupDecisionsTable['decision'];
  note: string | null;
};

/** One cleanup round: a decision per document, then apply and publish. */
export function CleanupRoundPage(p: ConsoleBase & { round: CleanupRoundsTable; items: RoundItem[]; form: FormState }): SafeHtml {
  const base = `/admin/${p.agency.code}/cleanup/${p.round.id}`;
  const open = p.round.status === 'open';
  return (
    <ConsoleFrame {...p} title={p.round.title}>
      <p>
        <a href={`/admin/${p.agency.code}/cleanup`}>← {A.cleanup}</a>
      </p>
      <h1>{p.round.title}</h1>
      <p>
        <span class="badge info">{A.roundStatuses[p.round.status]}</span> {p.round.effectiveOn ? `${A.effectiveOn}：${p.round.effectiveOn}` : ''}
      </p>
      <FormErrors message={p.form.message} fields={p.form.fields} />
      {p.items.length === 0 ? (
        <Empty>{t.common.none}</Empty>
      ) : (
        <form method="post" action={`${base}/decisions`}>
          <CsrfField token={p.csrf} />
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">{p.round.title}</caption>
              <thead>
                <tr>
                  <th scope="col">{T.fields.title}</th>
                  <th scope="col">{T.fields.docNo}</th>
                  <th scope="col">{A.decisionColumn}</th>
                  <th scope="col">{A.comment}</th>
                </tr>
              </thead>
              <tbody>
                {p.items.map((i) => (
                  <tr>
                    <td>{i.title}</td>
                    <td class="nowrap">{i.docNo ?? ''}</td>
                    <td>
                      {open ? (
                        <select name={`decision_${i.id}`} aria-label={`${i.title} ${A.decisionColumn}`}>
                          <option value="">—</option>
                          {(['keep', 'amend', 'repeal'] as const).map((k) => (
                            <option value={k} selected={i.decision === k}>
                              {A.decisions[k]}
                            </option>
                          ))}
                        </select>
                      ) : i.decision ? (
                        A.decisions[i.decision]
                      ) : (
                        ''
                      )}
                    </td>
                    <td>{open ? <input type="text" name={`note_${i.id}`} value={i.note ?? ''} aria-label={`${i.title} ${A.comment}`} /> : (i.note ?? '')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {open ? (
            <div class="btn-row">
              <button class="btn secondary" type="submit">
                {t.common.save}
              </button>
            </div>
          ) : null}
        </form>
      )}
      {open ? (
        <ActionForm csrf={p.csrf} action={`${base}/apply`} label={A.apply}>
          <Field name="effectiveOn" label={A.effectiveOn} type="date" error={p.form.fields.effectiveOn} required />
        </ActionForm>
      ) : null}
      {p.round.status === 'applied' ? <ActionForm csrf={p.csrf} action={`${base}/publish`} label={A.publish} /> : null}
      {p.round.status === 'published' ? (
        <p>
          <a href={`/gk/${p.agency.code}/cleanup/${p.round.id}`}>{A.viewRoundInPortal}</a>
        </p>
      ) : null}
    </ConsoleFrame>
  );
}

/** A published cleanup round's result list. */
export function CleanupResultPage(
  p: Omit<FrameProps, 'title' | 'crumbs'> & {
    round: { title: string; effectiveOn: string | null };
    items: { id: number; title: string; docNo: string | null; decision: string | null; note: string | null }[];
  },
): SafeHtml {
  const code = p.agency.code;
  return (
    <AgencyPage {...p} title={p.round.title} crumbs={[{ label: P.cleanupResults }]}>
      <section class="card" aria-labelledby="round-title">
        <h1 id="round-title">{p.round.title}</h1>
        <p class="muted">
          {t.documents.admin.effectiveOn}：{p.round.effectiveOn}
        </p>
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{p.round.title}</caption>
            <thead>
              <tr>
                <th scope="col">{T.fields.title}</th>
                <th scope="col">{T.fields.docNo}</th>
                <th scope="col">{P.cleanupResult}</th>
              </tr>
            </thead>
            <tbody>
              {p.items.map((i) => (
                <tr>
                  <td>
                    <a href={docPath(code, i.id)}>{i.title}</a>
                  </td>
                  <td class="nowrap">{i.docNo ?? t.common.none}</td>
                  <td>
                    {i.decision ? T.admin.decisions[i.decision as 'keep' | 'amend' | 'repeal'] : ''}
                    {i.note ? <span class="muted">（{i.note}）</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </AgencyPage>
  );
}
