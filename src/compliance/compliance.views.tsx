import type { SafeHtml } from '#jsx/jsx-runtime';
import type { UserActor } from '../admin/console.ts';
import { consoleNav } from '../admin/console.ts';
import type { Agency } from '../db/schema.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { Alert, CsrfField, Empty, Field, FormErrors, Section } from '../web/components.tsx';
import type { FormState } from '../web/http.ts';
import { AdminLayout } from '../web/layout.tsx';
import type { CheckRun } from './compliance.service.ts';
import type { Indicator } from './indicator.ts';

type Base = { actor: UserActor; csrf: string; agency: Agency };

const when = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

/** The self-check page: run it, see the score and every finding, and the history. */
export function CompliancePage(p: Base & { runs: CheckRun[]; year: number; canConfigure: boolean }): SafeHtml {
  const last = p.runs[0];
  const base = `/admin/${p.agency.code}`;
  return (
    <AdminLayout
      title={t.compliance.title}
      actor={p.actor}
      csrfToken={p.csrf}
      agency={p.agency}
      sideNav={consoleNav(p.agency, p.actor)}
      currentPath={`${base}/compliance`}
    >
      <h1>{t.compliance.title}</h1>
      <p class="lead">{t.compliance.lead}</p>
      <form method="post" action={`${base}/compliance`} class="btn-row no-print">
        <CsrfField token={p.csrf} />
        <label for="f-year">{t.compliance.year}</label>
        <input id="f-year" name="year" type="number" value={String(p.year)} min="2019" max="2299" class="narrow" />
        <button class="btn" type="submit">
          {t.compliance.run}
        </button>
        {p.canConfigure ? <a href={`${base}/compliance/settings`}>{t.compliance.settings}</a> : null}
      </form>
      {!last ? (
        <Empty>{t.compliance.neverRun}</Empty>
      ) : (
        <>
          <Section title={`${t.compliance.lastRun}（${last.year} 年度，${when(last.ranAt)}）`} id="last">
            <p>
              {t.compliance.score}：<span class="stat">{last.score}</span> / 100
            </p>
            <div class="table-wrap">
              <table>
                <caption class="visually-hidden">{t.compliance.lastRun}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.compliance.indicator}</th>
                    <th scope="col" class="num">
                      {t.compliance.weight}
                    </th>
                    <th scope="col">{t.compliance.result}</th>
                    <th scope="col">{t.compliance.findings}</th>
                  </tr>
                </thead>
                <tbody>
                  {last.results.map((r) => (
                    <tr>
                      <td>
                        {r.title}
                        <br />
                        <span class="muted">
                          {r.rule}
                          {r.manual ? ` · ${t.compliance.manual}` : ''}
                        </span>
                      </td>
                      <td class="num">{r.weight}</td>
                      <td class="nowrap">
                        {r.passed ? <span class="badge ok">{t.compliance.passed}</span> : <span class="badge danger">{t.compliance.failed}</span>}
                      </td>
                      <td>
                        {r.findings.length === 0 ? (
                          <span class="muted">{t.compliance.noFindings}</span>
                        ) : (
                          <ul class="plain">
                            {r.findings.map((f) => (
                              <li class={f.info ? 'muted' : undefined}>
                                {f.info ? (
                                  <>
                                    <span class="badge info">{t.compliance.infoOnly}</span>{' '}
                                  </>
                                ) : null}
                                {f.href ? <a href={f.href.startsWith('/') ? f.href : `${base}/${f.href}`}>{f.message}</a> : f.message}
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Section>
          <Section title={t.compliance.history} id="history">
            <ul class="list">
              {p.runs.map((r) => (
                <li>
                  <span>
                    {r.year} 年度 · {t.compliance.score} {r.score}
                  </span>
                  <span class="date">{when(r.ranAt)}</span>
                </li>
              ))}
            </ul>
          </Section>
        </>
      )}
    </AdminLayout>
  );
}

type SettingRow = { indicator: Indicator; enabled: boolean; weight: number };
type ManualRow = { code: string; title: string; rule: string; weight: number; passed: number; note: string | null };

/** Indicator switches and weights, and the agency's manual indicators (admins). */
export function ComplianceSettingsPage(p: Base & { settings: SettingRow[]; manual: ManualRow[]; form: FormState; saved: boolean }): SafeHtml {
  const base = `/admin/${p.agency.code}/compliance`;
  return (
    <AdminLayout
      title={t.compliance.settings}
      actor={p.actor}
      csrfToken={p.csrf}
      agency={p.agency}
      sideNav={consoleNav(p.agency, p.actor)}
      currentPath={`/admin/${p.agency.code}/compliance`}
    >
      <h1>{t.compliance.settings}</h1>
      <p>
        <a href={base}>返回{t.compliance.title}</a>
      </p>
      {p.saved ? <Alert kind="ok">已保存。</Alert> : null}
      <Section title="自动指标" id="auto">
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">自动指标</caption>
            <thead>
              <tr>
                <th scope="col">{t.compliance.indicator}</th>
                <th scope="col">{t.compliance.enabled}</th>
                <th scope="col">{t.compliance.weight}</th>
                <th scope="col">{t.common.actions}</th>
              </tr>
            </thead>
            <tbody>
              {p.settings.map((s) => {
                const id = `w-${s.indicator.code.replace(/[^a-z0-9]/g, '-')}`;
                return (
                  <tr>
                    <td>
                      {s.indicator.title}
                      <br />
                      <span class="muted">
                        {s.indicator.code} · {s.indicator.rule}
                      </span>
                    </td>
                    <td>
                      <input
                        type="checkbox"
                        name="enabled"
                        value="1"
                        checked={s.enabled}
                        form={`${id}-form`}
                        aria-label={`${t.compliance.enabled}：${s.indicator.title}`}
                      />
                    </td>
                    <td>
                      <input
                        type="number"
                        name="weight"
                        value={String(s.weight)}
                        min="0"
                        max="100"
                        class="narrow"
                        form={`${id}-form`}
                        aria-label={`${t.compliance.weight}：${s.indicator.title}`}
                      />
                    </td>
                    <td>
                      <form method="post" action={`${base}/settings`} id={`${id}-form`}>
                        <CsrfField token={p.csrf} />
                        <input type="hidden" name="code" value={s.indicator.code} />
                        <button class="btn secondary" type="submit">
                          {t.common.save}
                        </button>
                      </form>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </Section>
      <Section title={t.compliance.manual} id="manual">
        <p class="muted">{t.compliance.manualHint}</p>
        {p.manual.length === 0 ? (
          <Empty>尚未设置人工指标。</Empty>
        ) : (
          <ul class="list">
            {p.manual.map((m) => (
              <li>
                <span>
                  {m.title}
                  <span class="muted">
                    （{m.code}，{t.compliance.weight} {m.weight}）
                  </span>
                </span>
                {m.passed ? <span class="badge ok">{t.compliance.passed}</span> : <span class="badge danger">{t.compliance.failed}</span>}
              </li>
            ))}
          </ul>
        )}
        <h3>{t.compliance.addManual}</h3>
        <FormErrors message={p.form.message} fields={p.form.fields} />
        <form method="post" action={`${base}/manual`} class="stack">
          <CsrfField token={p.csrf} />
          <Field name="code" label={t.compliance.code} hint={t.compliance.codeRule} value={p.form.values.code} error={p.form.fields.code} required />
          <Field name="title" label={t.compliance.titleField} value={p.form.values.title} error={p.form.fields.title} required />
          <Field name="rule" label={t.compliance.rule} value={p.form.values.rule} error={p.form.fields.rule} />
          <Field name="weight" label={t.compliance.weight} type="number" value={p.form.values.weight ?? '5'} error={p.form.fields.weight} required />
          <div class="field">
            <label>
              <input type="checkbox" name="passed" value="1" checked={p.form.values.passed === '1'} /> {t.compliance.markPassed}
            </label>
          </div>
          <Field name="note" label={t.compliance.note} value={p.form.values.note} error={p.form.fields.note} />
          <div class="btn-row">
            <button class="btn" type="submit">
              {t.common.save}
            </button>
          </div>
        </form>
      </Section>
    </AdminLayout>
  );
}
