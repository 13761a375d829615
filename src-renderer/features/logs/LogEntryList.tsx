import { makeStyles, mergeClasses, Text, tokens } from '@fluentui/react-components';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { rowAt } from '../../stores/logs-store';
import { useLogsStore } from '../../stores/store-context';
import { OutcomeIcon } from '../common/OutcomeIcon';

// Status gets room for the longest common names ("120 MailSubmissionFailed"); longer ones end in … with the full text as the tooltip.
const COLUMNS = '56px 84px 96px 44px minmax(210px, 1fr) minmax(0, 2fr)';

/** Row height in px; fixed so the virtualizer never has to measure 200 000 rows. */
export const LOG_ROW_HEIGHT = 32;

const useStyles = makeStyles({
  scroller: {
    height: '420px',
    overflowY: 'auto',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    position: 'relative',
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: '2px',
    },
  },
  spacer: { position: 'relative', width: '100%' },
  row: {
    position: 'absolute',
    left: 0,
    right: 0,
    height: `${LOG_ROW_HEIGHT}px`,
    display: 'grid',
    gridTemplateColumns: COLUMNS,
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `0 ${tokens.spacingHorizontalS}`,
    cursor: 'pointer',
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
  },
  active: { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  selected: {
    backgroundColor: tokens.colorNeutralBackground1Selected,
    fontWeight: tokens.fontWeightSemibold,
  },
  cell: { overflow: 'hidden', textOverflow: 'ellipsis' },
  header: {
    display: 'grid',
    gridTemplateColumns: COLUMNS,
    gap: tokens.spacingHorizontalS,
    padding: `0 ${tokens.spacingHorizontalS}`,
    fontWeight: tokens.fontWeightSemibold,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
  },
});

function timeOf(iso: string | undefined): string {
  if (iso === undefined) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/**
 * The mailbox-log entries as a virtualized listbox: only the rows on screen exist in the DOM and
 * only their pages are fetched, so 200 000 entries scroll like 200. Arrow keys, Page Up/Down,
 * Home and End move the selection; the detail pane follows it.
 */
export function LogEntryList() {
  const styles = useStyles();
  const total = useLogsStore((s) => s.total) ?? 0;
  const pages = useLogsStore((s) => s.pages);
  const ensureRows = useLogsStore((s) => s.ensureRows);
  const selectedSeq = useLogsStore((s) => s.selectedSeq);
  const select = useLogsStore((s) => s.select);
  const [active, setActive] = useState(0);
  const scroller = useRef<HTMLDivElement>(null);

  // TanStack Virtual keeps its own mutable state; the component re-renders on its onChange.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => LOG_ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (total > 0) ensureRows(first, last);
  }, [first, last, total, pages, ensureRows]);

  const moveTo = (index: number) => {
    const clamped = Math.max(0, Math.min(total - 1, index));
    setActive(clamped);
    virtualizer.scrollToIndex(clamped, { align: 'auto' });
    const row = rowAt({ pages }, clamped);
    if (row !== undefined) void select(row.seq);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const pageRows = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 320) / LOG_ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: active + 1,
      ArrowUp: active - 1,
      PageDown: active + pageRows,
      PageUp: active - pageRows,
      Home: 0,
      End: total - 1,
    };
    const target = moves[event.key];
    if (target !== undefined && total > 0) {
      event.preventDefault();
      moveTo(target);
    }
  };

  const activeRow = rowAt({ pages }, active);
  return (
    <div>
      <div className={styles.header} aria-hidden="true" data-testid="log-list-header">
        {['#', 'Time', 'Command', 'HTTP', 'Status', 'What happened'].map((name) => (
          <span key={name} className={styles.cell}>
            {name}
          </span>
        ))}
      </div>
      <div
        ref={scroller}
        className={styles.scroller}
        role="listbox"
        aria-label={`Log entries (${total}). Use the arrow keys to move and see an entry’s details.`}
        tabIndex={0}
        aria-activedescendant={activeRow !== undefined ? `log-row-${activeRow.seq}` : undefined}
        onKeyDown={onKeyDown}
        data-testid="log-list"
        data-total={total}
      >
        <div
          className={styles.spacer}
          style={{ height: `${virtualizer.getTotalSize()}px` }}
          role="presentation"
        >
          {items.map((item) => {
            const row = rowAt({ pages }, item.index);
            const classes = mergeClasses(
              styles.row,
              item.index === active && styles.active,
              row !== undefined && row.seq === selectedSeq && styles.selected,
            );
            if (row === undefined) {
              return (
                <div
                  key={item.key}
                  className={classes}
                  style={{ top: `${item.start}px` }}
                  role="option"
                  aria-selected={false}
                  aria-busy="true"
                >
                  <Text size={200}>Loading entry {item.index + 1}…</Text>
                </div>
              );
            }
            return (
              <div
                key={item.key}
                id={`log-row-${row.seq}`}
                className={classes}
                style={{ top: `${item.start}px` }}
                role="option"
                aria-selected={row.seq === selectedSeq}
                data-seq={row.seq}
                onClick={() => {
                  setActive(item.index);
                  void select(row.seq);
                }}
              >
                <span className={styles.cell}>{row.seq}</span>
                <span className={styles.cell}>{timeOf(row.requestTime)}</span>
                <span className={styles.cell}>{row.command ?? '—'}</span>
                <span className={styles.cell}>{row.httpStatus ?? '—'}</span>
                <span className={styles.cell} title={row.status}>
                  <OutcomeIcon
                    outcome={row.outcome === 'error' ? 'problem' : row.outcome}
                    showLabel={false}
                  />{' '}
                  {row.status ?? ''}
                </span>
                <span className={styles.cell} title={row.summary}>
                  {row.summary}
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
