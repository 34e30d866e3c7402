import type { Child, SafeHtml } from '#jsx/jsx-runtime';
import { t } from '../shared/i18n/zh-CN.ts';

/** Breadcrumb trail; the last item is the current page. */
export function Crumbs({ items }: { items: { label: string; href?: string }[] }): SafeHtml {
  return (
    <nav class="crumbs" aria-label={t.site.breadcrumb}>
      <ol>
        {items.map((item, i) =>
          item.href && i < items.length - 1 ? (
            <li>
              <a href={item.href}>{item.label}</a>
            </li>
          ) : (
            <li aria-current="page">{item.label}</li>
          ),
        )}
      </ol>
    </nav>
  );
}

/** A titled section of a page with a rule under the heading. */
export function Section({ title, id, action, children }: { title: string; id?: string; action?: Child; children?: Child }): SafeHtml {
  const headingId = id ? `${id}-title` : undefined;
  return (
    <section class="card" aria-labelledby={headingId}>
      <div class="section-title">
        <h2 id={headingId}>{title}</h2>
        {action}
      </div>
      {children}
    </section>
  );
}

/** Says in words that a list or category is empty, never a blank area. */
export function Empty({ children }: { children?: Child }): SafeHtml {
  return <p class="empty">{children}</p>;
}

export type AlertKind = 'error' | 'ok' | 'warn' | 'info';
/** A message box; errors are announced to screen readers. */
export function Alert({ kind, children }: { kind: AlertKind; children?: Child }): SafeHtml {
  return (
    <div class={`alert ${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

/** The hidden CSRF field every state-changing form carries. */
export function CsrfField({ token }: { token: string }): SafeHtml {
  return <input type="hidden" name="_csrf" value={token} />;
}

type FieldProps = {
  name: string;
  /** The element id, where the same name appears in several forms of one page (default f-NAME). */
  id?: string | undefined;
  label: string;
  value?: string | number | null | undefined;
  error?: string | undefined;
  hint?: string;
  type?: string;
  required?: boolean;
  autocomplete?: string;
  inputmode?: string;
  maxlength?: number;
};

/** A labelled input with its hint and its error beside it (linked for screen readers). */
export function Field(p: FieldProps): SafeHtml {
  const id = p.id ?? `f-${p.name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
  const describedBy = [p.hint ? `${id}-hint` : '', p.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={p.error ? 'field has-error' : 'field'}>
      <label for={id}>
        {p.label}
        {p.required ? (
          <span class="req" aria-hidden="true">
            *
          </span>
        ) : null}
      </label>
      {p.hint ? (
        <span class="hint" id={`${id}-hint`}>
          {p.hint}
        </span>
      ) : null}
      <input
        id={id}
        name={p.name}
        type={p.type ?? 'text'}
        value={p.type === 'password' ? undefined : (p.value ?? undefined)}
        required={p.required}
        autocomplete={p.autocomplete}
        inputmode={p.inputmode}
        maxlength={p.maxlength}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy}
      />
      {p.error ? (
        <span class="error" id={`${id}-error`}>
          {p.error}
        </span>
      ) : null}
    </div>
  );
}

type SelectProps = Omit<FieldProps, 'type' | 'autocomplete' | 'inputmode' | 'maxlength'> & { options: { value: string; label: string }[] };

/** A labelled select with its error beside it. */
export function SelectField(p: SelectProps): SafeHtml {
  const id = p.id ?? `f-${p.name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
  return (
    <div class={p.error ? 'field has-error' : 'field'}>
      <label for={id}>
        {p.label}
        {p.required ? (
          <span class="req" aria-hidden="true">
            *
          </span>
        ) : null}
      </label>
      {p.hint ? (
        <span class="hint" id={`${id}-hint`}>
          {p.hint}
        </span>
      ) : null}
      <select
        id={id}
        name={p.name}
        required={p.required}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={p.error ? `${id}-error` : p.hint ? `${id}-hint` : undefined}
      >
        {p.options.map((o) => (
          <option value={o.value} selected={String(p.value ?? '') === o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {p.error ? (
        <span class="error" id={`${id}-error`}>
          {p.error}
        </span>
      ) : null}
    </div>
  );
}

/** The summary at the top of a form that failed validation. */
export function FormErrors({ message, fields }: { message?: string | undefined; fields?: Record<string, string> }): SafeHtml | null {
  if (!message) return null;
  const list = Object.entries(fields ?? {}).filter(([k]) => k !== '_');
  return (
    <Alert kind="error">
      <strong>{message}</strong>
      {list.length > 0 ? (
        <ul>
          {list.map(([, msg]) => (
            <li>{msg}</li>
          ))}
        </ul>
      ) : null}
    </Alert>
  );
}
