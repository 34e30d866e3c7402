/** Pieces shared by the console pages of 依申请公开: the cases' address, the outcome select, the due-date badge. */
import type { SafeHtml } from '#jsx/jsx-runtime';
import type { Agency } from '../db/schema.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { OUTCOME_CODES, OUTCOME_GROUP_LABELS, OUTCOME_LABELS, type OutcomeCode } from '../vocabulary/codes.ts';
import type { Urgency } from './applications.queries.ts';

const A = t.applications;
const C = A.console;
const _F = A.form;

/** The address of the agency's cases in the console. */
export const casesPath = (agency: Agency) => `/admin/${agency.code}/applications`;

/** An outcome select, grouped as table 3 groups them. */
export function OutcomeSelect({
  name,
  id: givenId,
  value,
  error,
  label,
  withAny,
}: {
  name: string;
  id?: string;
  value?: string | undefined;
  error?: string | undefined;
  label: string;
  withAny?: boolean;
}): SafeHtml {
  const id = givenId ?? `f-${name}`;
  const groups: { label: string | null; codes: OutcomeCode[] }[] = [
    { label: null, codes: ['granted', 'partial'] },
    ...(['refused', 'unavailable', 'not_processed', 'other'] as const).map((g) => ({
      label: OUTCOME_GROUP_LABELS[g],
      codes: OUTCOME_CODES.filter((c) => c.startsWith(`${g}.`)),
    })),
  ];
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{label}</label>
      <select id={id} name={name} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${id}-error` : undefined}>
        {withAny ? <option value="">{C.any}</option> : null}
        {groups.map((g) =>
          g.label === null ? (
            g.codes.map((c) => (
              <option value={c} selected={value === c}>
                {OUTCOME_LABELS[c]}
              </option>
            ))
          ) : (
            <optgroup label={g.label}>
              {g.codes.map((c) => (
                <option value={c} selected={value === c}>
                  {OUTCOME_LABELS[c]}
                </option>
              ))}
            </optgroup>
          ),
        )}
      </select>
      {error ? (
        <span class="error" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** The due-date badge: words and a symbol, so it does not rely on colour. */
export function UrgencyBadge({ u, provisional }: { u: Urgency | null; provisional?: boolean }): SafeHtml | null {
  if (!u) return null;
  const prov = provisional ? C.provisionalMark : '';
  if (u.kind === 'overdue') return <strong class="badge danger">！{C.overdue(u.days)}</strong>;
  if (u.kind === 'today') return <strong class="badge danger">！{C.dueToday}</strong>;
  if (u.kind === 'soon') return <strong class="badge warn">{`${C.daysLeft(u.days)}${prov}`}</strong>;
  return <span class="badge muted">{`${C.daysLeft(u.days)}${prov}`}</span>;
}

/** Options of a select from a list of codes and their labels. */
