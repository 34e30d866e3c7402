import type { SafeHtml } from '#jsx/jsx-runtime';
import { t } from '../shared/i18n/zh-CN.ts';
import { Alert } from '../web/components.tsx';
import { type HeldSet, HOLD_MS } from './held-uploads.ts';

const H = t.applications.held;

/** The files held from a refused submission (each with a box to remove it) and the token that reaches them. */
export function HeldFilesField({ held }: { held: HeldSet | undefined }): SafeHtml | null {
  if (!held || held.files.length === 0) return null;
  return (
    <fieldset class="field held-files">
      <legend>{H.legend}</legend>
      <input type="hidden" name="heldToken" value={held.token} />
      <span class="hint">{H.lead(HOLD_MS / 60_000)}</span>
      <ul class="plain">
        {held.files.map((f) => (
          <li>
            <span>
              {f.filename} <span class="muted">（{H.size(f.size)}）</span>
            </span>{' '}
            <label class="choice">
              <input type="checkbox" name={`removeHeld-${f.id}`} value="on" />
              <span>{H.remove(f.filename)}</span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

/** Says which chosen files were not kept, naming each and why; nothing when none was dropped. */
export function DroppedFilesNotice({ held }: { held: HeldSet | undefined }): SafeHtml | null {
  if (!held || held.dropped.length === 0) return null;
  return (
    <Alert kind="warn">
      {H.dropped}
      <ul>
        {held.dropped.map((d) => (
          <li>{d.reason}</li>
        ))}
      </ul>
    </Alert>
  );
}
