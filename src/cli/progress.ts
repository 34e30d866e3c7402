import { warn } from './support.ts';

/** A progress line rewritten in place on a terminal, one line per step elsewhere (logs). */
export function progressLine(): { show(text: string): void; end(): void } {
  const tty = process.stderr.isTTY === true;
  let last = 0;
  let shown = false;
  return {
    show(text) {
      const now = Date.now();
      if (tty) {
        if (now - last < 200) return;
        process.stderr.write(`\r${text}\u001b[K`);
        shown = true;
      } else if (now - last >= 2000) warn(text);
      last = now;
    },
    end() {
      if (shown) process.stderr.write('\n');
    },
  };
}
