import type { SafeHtml } from '#jsx/jsx-runtime';
import type { UserActor } from '../console/console.ts';
import { type ConsoleBase, ConsoleFrame } from '../console/console-page.tsx';
import type { Agency, AuditEntry, Role } from '../db/schema.ts';
import { chinaTime } from '../shared/clock.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import type { FailuresSinceSuccess } from '../users/throttle.ts';
import { Alert, CsrfField, Empty, Field, FormErrors, Section, SelectField } from '../web/components.tsx';
import { DataTable } from '../web/data-table.tsx';
import type { FormState } from '../web/http.ts';
import { AdminLayout } from '../web/layout.tsx';

/** The console's sign-in page. */
export function LoginPage({ csrf, next, form, notice }: { csrf: string; next: string; form: FormState; notice?: string | undefined }): SafeHtml {
  return (
    <AdminLayout title={t.auth.loginTitle} actor={null} currentPath="/admin/login">
      <section class="card login-box" aria-labelledby="login-title">
        <h1 id="login-title">{t.auth.loginTitle}</h1>
        {notice ? <Alert kind="ok">{notice}</Alert> : null}
        <FormErrors message={form.message} />
        <form method="post" action="/admin/login" class="stack">
          <CsrfField token={csrf} />
          <input type="hidden" name="next" value={next} />
          <Field name="username" label={t.auth.username} value={form.values.username} autocomplete="username" required />
          <Field name="password" label={t.auth.password} type="password" autocomplete="current-password" required />
          <div class="btn-row">
            <button class="btn" type="submit">
              {t.auth.login}
            </button>
          </div>
        </form>
      </section>
    </AdminLayout>
  );
}

/** The console home: the agencies the user works for. */
export function ConsoleHomePage({ actor, csrf, agencies }: { actor: UserActor; csrf: string; agencies: Agency[] }): SafeHtml {
  return (
    <AdminLayout title={t.admin.home} actor={actor} csrfToken={csrf} currentPath="/admin">
      <h1>{t.admin.myAgencies}</h1>
      {agencies.length === 0 ? (
        <Empty>{t.admin.noAgencies}</Empty>
      ) : (
        <div class="grid">
          {agencies.map((a) => (
            <a class="tile" href={`/admin/${a.code}`}>
              <strong>{a.name}</strong>
              <span>
                {t.agency.code}：{a.code}
              </span>
            </a>
          ))}
        </div>
      )}
      {actor.isSuperadmin ? (
        <Section title={t.admin.platform} id="platform">
          <ul>
            <li>
              <a href="/admin/platform/agencies">管理平台上的机关</a>
            </li>
            <li>
              <a href="/admin/platform/calendar">节假日安排（工作日计算依据）</a>
            </li>
            <li>
              <a href="/admin/platform/site">{t.frame.console.platformTitle}</a>
            </li>
          </ul>
        </Section>
      ) : null}
    </AdminLayout>
  );
}

/** The agency's audit trail, newest first. */
export function AuditPage(p: ConsoleBase & { entries: AuditEntry[] }): SafeHtml {
  return (
    <ConsoleFrame {...p} title={t.audit.title}>
      <h1>{t.audit.title}</h1>
      <DataTable
        caption={t.audit.title}
        rows={p.entries}
        empty={t.audit.empty}
        columns={[
          { header: t.audit.at, cell: (e) => chinaTime(e.at) },
          { header: t.audit.actor, cell: (e) => e.actorName },
          { header: t.audit.action, cell: (e) => t.audit.actions[e.action] ?? e.action },
          { header: t.audit.entity, cell: (e) => [t.audit.entities[e.entityType] ?? e.entityType, e.entityId ? ` #${e.entityId}` : ''] },
        ]}
      />
    </ConsoleFrame>
  );
}

/** The fields of an agency's facts, shared by the setup page, the settings page and the platform's create form. */
export function AgencyFields({ form, withCode }: { form: FormState; withCode: boolean }): SafeHtml {
  const v = form.values;
  const e = form.fields;
  return (
    <>
      {withCode ? <Field name="code" label={t.agency.code} hint={t.agency.codeHint} value={v.code} error={e.code} required /> : null}
      <Field name="name" label={t.agency.name} value={v.name} error={e.name} required />
      <SelectField
        name="kind"
        label={t.agency.kind}
        value={v.kind ?? 'department'}
        error={e.kind}
        options={[
          { value: 'department', label: t.portal.agencyKind.department },
          { value: 'government', label: t.portal.agencyKind.government },
        ]}
      />
      <Field name="creditCode" label={t.agency.creditCode} hint={t.agency.creditCodeHint} value={v.creditCode} error={e.creditCode} />
      <Field name="officeName" label={t.agency.officeName} value={v.officeName} error={e.officeName} />
      <Field name="address" label={t.agency.address} value={v.address} error={e.address} />
      <Field name="officeHours" label={t.agency.officeHours} value={v.officeHours} error={e.officeHours} />
      <Field name="phone" label={t.agency.phone} type="tel" value={v.phone} error={e.phone} />
      <Field name="fax" label={t.agency.fax} type="tel" value={v.fax} error={e.fax} />
      <Field name="email" label={t.agency.email} type="email" value={v.email} error={e.email} />
      <Field name="postcode" label={t.agency.postcode} value={v.postcode} error={e.postcode} inputmode="numeric" />
    </>
  );
}

/** The agency's settings form and its 科室 (admins). */
export function AgencySettingsPage(p: ConsoleBase & { form: FormState; saved: boolean; departments: { name: string }[]; departmentForm: FormState }): SafeHtml {
  return (
    <ConsoleFrame {...p} title={t.admin.settings}>
      <h1>{t.admin.settings}</h1>
      {p.saved ? <Alert kind="ok">已保存。</Alert> : null}
      <FormErrors message={p.form.message} fields={p.form.fields} />
      <form method="post" class="stack">
        <CsrfField token={p.csrf} />
        <AgencyFields form={p.form} withCode={false} />
        <div class="btn-row">
          <button class="btn" type="submit">
            {t.common.save}
          </button>
        </div>
      </form>
      <Section title={t.agency.departments} id="departments">
        {p.departments.length === 0 ? (
          <Empty>尚未设置内设科室。</Empty>
        ) : (
          <ul class="list">
            {p.departments.map((d) => (
              <li>{d.name}</li>
            ))}
          </ul>
        )}
        <FormErrors message={p.departmentForm.message} fields={p.departmentForm.fields} />
        <form method="post" action={`/admin/${p.agency.code}/departments`} class="stack">
          <CsrfField token={p.csrf} />
          <Field name="name" label="新增科室名称" value={p.departmentForm.values.name} error={p.departmentForm.fields.name} required />
          <div class="btn-row">
            <button class="btn secondary" type="submit">
              添加科室
            </button>
          </div>
        </form>
      </Section>
    </ConsoleFrame>
  );
}

type AgencyUserRow = { id: number; username: string; displayName: string; isActive: number; roles: Role[]; lockedUntil: string | null };

/** The agency's users and the form to add one (admins). */
export function AgencyUsersPage(p: ConsoleBase & { users: AgencyUserRow[]; form: FormState; created: boolean; unlocked: boolean }): SafeHtml {
  const v = p.form.values;
  const e = p.form.fields;
  return (
    <ConsoleFrame {...p} title={t.admin.users}>
      <h1>{t.admin.users}</h1>
      {p.created ? <Alert kind="ok">已创建用户。</Alert> : null}
      {p.unlocked ? <Alert kind="ok">{t.auth.unlocked}</Alert> : null}
      <DataTable
        caption={t.admin.users}
        rows={p.users}
        columns={[
          { header: t.auth.username, cell: (u) => u.username },
          { header: t.user.displayName, cell: (u) => u.displayName },
          { header: t.user.roles, cell: (u) => u.roles.map((r) => t.roles[r]).join('、') },
          {
            header: t.auth.loginStatus,
            cell: (u) =>
              u.lockedUntil ? (
                <form method="post" action={`/admin/${p.agency.code}/users/${u.id}/unlock`} class="row-form">
                  <CsrfField token={p.csrf} />
                  <span>{t.auth.lockedUntil(chinaTime(u.lockedUntil))}</span>{' '}
                  <button class="btn secondary" type="submit">
                    {t.auth.unlock}
                  </button>
                </form>
              ) : (
                t.auth.notLocked
              ),
          },
        ]}
      />
      <Section title="新增用户" id="new-user">
        <FormErrors message={p.form.message} fields={p.form.fields} />
        <form method="post" class="stack">
          <CsrfField token={p.csrf} />
          <Field name="username" label={t.auth.username} hint={t.user.usernameRule} value={v.username} error={e.username} autocomplete="off" required />
          <Field name="displayName" label={t.user.displayName} value={v.displayName} error={e.displayName} required />
          <Field name="email" label={t.user.email} type="email" value={v.email} error={e.email} />
          <Field name="password" label={t.auth.password} hint={t.auth.passwordRule} type="password" error={e.password} autocomplete="new-password" required />
          <SelectField
            name="role"
            label={t.user.roles}
            value={v.role ?? 'editor'}
            error={e['roles.0.role'] ?? e.roles}
            options={(['admin', 'editor', 'reviewer', 'leader'] as const).map((r) => ({ value: r, label: t.roles[r] }))}
          />
          <div class="btn-row">
            <button class="btn" type="submit">
              创建用户
            </button>
          </div>
        </form>
      </Section>
    </ConsoleFrame>
  );
}

/** Told once after signing in: the failed sign-ins of the account since the previous successful one. */
export function LoginFailuresPage({ actor, csrf, failures, next }: { actor: UserActor; csrf: string; failures: FailuresSinceSuccess; next: string }): SafeHtml {
  return (
    <AdminLayout title={t.auth.failuresTitle} actor={actor} csrfToken={csrf} currentPath="/admin/login/notice">
      <section class="card login-box" aria-labelledby="failures-title">
        <h1 id="failures-title">{t.auth.failuresTitle}</h1>
        <Alert kind="error">
          {t.auth.failuresSince(failures.count)}
          {failures.lastAt ? ` ${t.auth.lastFailure(chinaTime(failures.lastAt), failures.lastIp ?? '—')}` : ''}
        </Alert>
        <p>{t.auth.failuresAdvice}</p>
        <p class="btn-row">
          <a class="btn" href={next}>
            {t.auth.continue}
          </a>
          <a class="btn secondary" href="/admin/account/password">
            {t.auth.changePassword}
          </a>
        </p>
      </section>
    </AdminLayout>
  );
}

/** The signed-in user's own password change. */
export function PasswordPage({ actor, csrf, form, done }: { actor: UserActor; csrf: string; form: FormState; done: boolean }): SafeHtml {
  return (
    <AdminLayout title={t.auth.changePassword} actor={actor} csrfToken={csrf} currentPath="/admin/account/password">
      <section class="card login-box" aria-labelledby="pw-title">
        <h1 id="pw-title">{t.auth.changePassword}</h1>
        {done ? <Alert kind="ok">{t.auth.passwordChanged}</Alert> : null}
        <FormErrors message={form.message} fields={form.fields} />
        <form method="post" action="/admin/account/password" class="stack">
          <CsrfField token={csrf} />
          <Field name="current" label={t.auth.currentPassword} type="password" autocomplete="current-password" error={form.fields.current} required />
          <Field
            name="next"
            label={t.auth.newPassword}
            hint={t.auth.passwordRule}
            type="password"
            autocomplete="new-password"
            error={form.fields.next}
            required
          />
          <Field name="confirm" label={t.auth.confirmPassword} type="password" autocomplete="new-password" error={form.fields.confirm} required />
          <div class="btn-row">
            <button class="btn" type="submit">
              {t.common.save}
            </button>
          </div>
        </form>
      </section>
    </AdminLayout>
  );
}
