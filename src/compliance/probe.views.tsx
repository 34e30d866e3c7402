import type { SafeHtml } from '#jsx/jsx-runtime';
import type { ProbeResult } from '../applications/probe.service.ts';
import { chinaTime } from '../shared/clock.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { CsrfField, Empty, Section } from '../web/components.tsx';

const P = t.compliance.probe;
const when = (iso: string) => chinaTime(iso);

/** The channel probe on the self-check page: the latest result and the button that runs it. */
export function ProbeSection(p: { agencyCode: string; csrf: string; probe: ProbeResult | null }): SafeHtml {
  const r = p.probe;
  return (
    <Section title={P.title} id="probe">
      <p class="muted">{P.lead}</p>
      {!r ? (
        <Empty>{P.never}</Empty>
      ) : (
        <dl class="facts">
          <dt>{P.latest}</dt>
          <dd>
            {r.ok ? <span class="badge ok">{P.ok}</span> : <span class="badge danger">{P.failed}</span>} {when(r.ranAt)}
          </dd>
          {r.failedStep ? (
            <>
              <dt>{P.step}</dt>
              <dd>{t.applications.probe.steps[r.failedStep] ?? r.failedStep}</dd>
            </>
          ) : null}
          <dt>{t.compliance.result}</dt>
          <dd>{r.message}</dd>
          <dt>{P.target}</dt>
          <dd>{r.target === 'in-process' ? P.inProcess : r.target}</dd>
        </dl>
      )}
      <form method="post" action={`/admin/${p.agencyCode}/compliance/probe`} class="btn-row no-print">
        <CsrfField token={p.csrf} />
        <button class="btn secondary" type="submit">
          {P.run}
        </button>
      </form>
    </Section>
  );
}
