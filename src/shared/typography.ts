/**
 * Text joined from templates made to read as written by hand (pure): quotes inside quotes become ‘’ (and quotes
 * inside those “” again), and where two fragments meet with a mark each ("答复。" + "，经…", "资金。" + "；补正期限")
 * the run of marks collapses to one.
 *
 * The collapsing rule: marks rank pause (，、) < stop (。；：) < emphatic (？！); a run of two or more marks becomes
 * the LAST mark of the highest rank present. So a comma never follows a full stop ("答复。，经" → "答复。经"), a list's
 * separator wins over the full stop that ended an item ("资金。；补正期限" → "资金；补正期限"), and a question stays one.
 * Ellipses (……) and dashes (——) are not marks of this kind and are never touched.
 */

const RANK: Record<string, number> = { '，': 0, '、': 0, '。': 1, '；': 1, '：': 1, '？': 2, '！': 2 };

/** True for a mark that a doubled run collapses (，、。；：？！). */
export const isJoinMark = (ch: string): boolean => RANK[ch] !== undefined;

/** Collapses every run of two or more marks to one (see the rule above). */
export function collapsePunctuation(text: string): string {
  let out = '';
  let run = '';
  const flush = () => {
    if (run.length === 0) return;
    let best = '';
    for (const ch of run) if (best === '' || (RANK[ch] as number) >= (RANK[best] as number)) best = ch;
    out += best;
    run = '';
  };
  for (const ch of text) {
    if (isJoinMark(ch)) run += ch;
    else {
      flush();
      out += ch;
    }
  }
  flush();
  return out;
}

/**
 * Quotes by depth: “ at odd depth, ‘ at even depth, and their closers to match. Both “” and ‘’ are read as quotes
 * (so the result reads the same when nested again); a closer without an opener is left alone.
 */
export function nestQuotes(text: string): string {
  let depth = 0;
  let out = '';
  for (const ch of text) {
    if (ch === '“' || ch === '‘') {
      depth += 1;
      out += depth % 2 === 1 ? '“' : '‘';
    } else if ((ch === '”' || ch === '’') && depth > 0) {
      out += depth % 2 === 1 ? '”' : '’';
      depth -= 1;
    } else out += ch;
  }
  return out;
}

/** Text joined from templates as a person would have written it: quotes nested, doubled marks collapsed. */
export function handWritten(text: string): string {
  return collapsePunctuation(nestQuotes(text));
}
