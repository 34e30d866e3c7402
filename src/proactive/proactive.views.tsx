/** The console page of 依申请公开转主动公开: the suggested clusters with their cases, the two decisions, the history. */
import type { SafeHtml } from '#jsx/jsx-runtime';
import { ActionForm, type ConsoleBase, ConsoleFrame } from '../console/console-page.tsx';
import { chinaTime } from '../shared/clock.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { Alert, CsrfField, FormErrors, Section, TextAreaField } from '../web/components.tsx';
import { DataTable } from '../web/data-table.tsx';
import type { FormState } from '../web/http.ts';
import type { Cluster, DisclosedCase } from './clustering.ts';
import type { DecisionRow } from './proactive.queries.ts';

const P = t.applications.proactive;

export type SuggestionsProps = ConsoleBase & {
  clusters: Cluster[];
  decisions: DecisionRow[];
  minApplicants: number;
  canDecide: boolean;
  notice?: string | undefined;
  /** A refused decision: the cluster it was about and the form as typed. */
  failed?: { key: string; form: FormState } | undefined;
};

function ClusterBlock(p: SuggestionsProps & { cluster: Cluster; index: number }): SafeHtml {
  const { cluster, index } = p;
  const base = `/admin/${p.agency.code}/applications/suggestions`;
  const failed = p.failed?.key === cluster.key ? p.failed.form : undefined;
  return (
    <Section title={cluster.subject} id={`cluster-${index}`}>
      <p class="muted">{P.cluster(cluster.cases.length, cluster.applicants)}</p>
      <DataTable<DisclosedCase>
        caption={`${cluster.subject}：${P.casesCaption}`}
        columns={[
          { header: P.ref, rowHeader: true, cell: (c) => <a href={`/admin/${p.agency.code}/applications/${c.id}`}>{c.ref}</a> },
          { header: P.subject, cell: (c) => c.subject },
          { header: P.closedOn, class: 'nowrap', cell: (c) => c.closedOn },
        ]}
        rows={cluster.cases}
      />
      {p.canDecide ? (
        <div class="grid-2">
          <ActionForm csrf={p.csrf} action={`${base}/convert`} label={P.convert}>
            <input type="hidden" name="key" value={cluster.key} />
            <p class="hint">{P.convertHint}</p>
          </ActionForm>
          <form method="post" action={`${base}/decline`} class="stack action-form" novalidate>
            <CsrfField token={p.csrf} />
            <FormErrors message={failed?.message} fields={{}} />
            <input type="hidden" name="key" value={cluster.key} />
            <TextAreaField
              name="reason"
              id={`reason-${index}`}
              label={P.reasonLabel}
              value={failed?.values.reason}
              error={failed?.fields.reason}
              rows={2}
              maxlength={500}
              required
            />
            <div class="btn-row">
              <button class="btn secondary" type="submit">
                {P.decline}
              </button>
            </div>
          </form>
        </div>
      ) : null}
    </Section>
  );
}

export function SuggestionsPage(p: SuggestionsProps): SafeHtml {
  return (
    <ConsoleFrame {...p} title={P.title}>
      <h1>{P.title}</h1>
      <p class="muted">{P.lead(p.minApplicants)}</p>
      {p.notice ? <Alert kind="ok">{p.notice}</Alert> : null}
      {p.failed && !p.clusters.some((c) => c.key === p.failed?.key) ? <FormErrors message={p.failed.form.message} /> : null}
      {p.clusters.length === 0 ? <p class="empty">{P.empty}</p> : p.clusters.map((cluster, index) => <ClusterBlock {...p} cluster={cluster} index={index} />)}
      <Section title={P.historyTitle} id="history">
        <DataTable<DecisionRow>
          caption={P.historyTitle}
          empty={P.historyEmpty}
          columns={[
            { header: P.subject, rowHeader: true, cell: (d) => d.subject },
            { header: P.decision, cell: (d) => P.decisions[d.decision] },
            {
              header: P.detail,
              cell: (d) => (d.documentId ? <a href={`/admin/${p.agency.code}/documents/${d.documentId}`}>{P.draftLink}</a> : (d.reason ?? '')),
            },
            { header: P.by, cell: (d) => d.actorName },
            { header: P.decidedAt, class: 'nowrap', cell: (d) => chinaTime(d.decidedAt) },
          ]}
          rows={p.decisions}
        />
      </Section>
    </ConsoleFrame>
  );
}
