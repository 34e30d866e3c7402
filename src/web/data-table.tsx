/**
 * The console's and portal's tables, one shape: a caption (visually hidden: the page's heading says it), column
 * headers with `scope`, the rows, an empty state, all inside a box that scrolls sideways on a narrow screen. The box is
 * a named region reachable by keyboard (axe: scrollable-region-focusable), so a table wider than the screen can be
 * scrolled without a mouse.
 */
import type { Child, SafeHtml } from '#jsx/jsx-runtime';
import { Empty } from './components.tsx';

/**
 * The scrolling box and the table with its caption; the head and body are the caller's (report grids, grouped rows).
 * With an `id` the caption is `${id}-caption` and names the box; without, the caption's text names it.
 */
export function TableBox(p: {
  caption: string;
  id?: string | undefined;
  class?: string | undefined;
  boxClass?: string | undefined;
  children?: Child;
}): SafeHtml {
  const captionId = p.id ? `${p.id}-caption` : undefined;
  return (
    <section
      class={p.boxClass ? `table-wrap ${p.boxClass}` : 'table-wrap'}
      aria-labelledby={captionId}
      aria-label={captionId ? undefined : p.caption}
      tabindex="0"
    >
      <table id={p.id} class={p.class}>
        <caption id={captionId} class="visually-hidden">
          {p.caption}
        </caption>
        {p.children}
      </table>
    </section>
  );
}

/** One column: its header, its cell, and the classes they carry (`class` on both, unless `headClass`/`cellClass`). */
export type Column<R> = {
  header: Child;
  cell?: (row: R) => Child;
  class?: string;
  headClass?: string;
  cellClass?: string;
  /** The cell names its row: `<th scope="row">`. */
  rowHeader?: boolean;
};

export type DataTableProps<R> = {
  caption: string;
  columns: readonly (Column<R> | null | false)[];
  rows: readonly R[];
  /** Shown instead of the table when there are no rows; without it an empty table is shown. */
  empty?: Child;
  id?: string;
  class?: string;
  rowClass?: (row: R) => string | undefined;
  /** The rows of one item when they are not one `<tr>` of the columns' cells (grouped rows, a cell across columns). */
  renderRow?: (row: R) => Child;
  /** Rows after the body (a total). */
  foot?: Child;
};

/** A table of `rows` described by `columns` (a falsy column is left out, for columns shown to some users only). */
export function DataTable<R>(p: DataTableProps<R>): SafeHtml {
  if (p.rows.length === 0 && p.empty !== undefined) return <Empty>{p.empty}</Empty>;
  const columns = p.columns.filter((c): c is Column<R> => Boolean(c));
  const row =
    p.renderRow ??
    ((r: R) => (
      <tr class={p.rowClass?.(r)}>
        {columns.map((c) => {
          const cls = c.cellClass ?? c.class;
          const content = c.cell?.(r);
          return c.rowHeader ? (
            <th scope="row" class={cls}>
              {content}
            </th>
          ) : (
            <td class={cls}>{content}</td>
          );
        })}
      </tr>
    ));
  return (
    <TableBox caption={p.caption} id={p.id} class={p.class}>
      <thead>
        <tr>
          {columns.map((c) => (
            <th scope="col" class={c.headClass ?? c.class}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{p.rows.map(row)}</tbody>
      {p.foot ? <tfoot>{p.foot}</tfoot> : null}
    </TableBox>
  );
}
