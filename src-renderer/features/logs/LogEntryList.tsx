import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { memo, type KeyboardEvent } from 'react';
import type { LogEntryRow } from '../../../src-main/shared/models/wizard';
import { rowAt } from '../../stores/logs-store';
import { useLogsStore } from '../../stores/store-context';
import { OutcomeIcon } from '../common/OutcomeIcon';
import { useStableCallback, useVirtualRows, VirtualListbox, virtualRowStyle } from '../common/VirtualListbox';

// Status gets room for the longest common names ("120 MailSubmissionFailed"); longer ones end in … with the full text as the tooltip.
const COLUMNS = '56px 84px 96px 44px minmax(210px, 1fr) minmax(0, 2fr)';

/** Row height in px; fixed so the virtualizer never has to measure 200 000 rows. */
export const LOG_ROW_HEIGHT = 32;

const useStyles = makeStyles({
  scroller: { height: '420px' },
  row: {
    ...virtualRowStyle,
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
  loading: { gridColumn: '1 / -1', fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
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

// One formatter for every row: toLocaleTimeString builds a new one on each call, which cost more
// than the rest of a row's rendering put together.
const TIME_FORMAT = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

function timeOf(iso: string | undefined): string {
  if (iso === undefined) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : TIME_FORMAT.format(d);
}

interface LogRowProps {
  index: number;
  start: number;
  row: LogEntryRow | undefined;
  active: boolean;
  selected: boolean;
  onPick(index: number, seq: number): void;
}

/** One entry; memoized, so a scroll draws only the rows that came into view. */
const LogRow = memo(function LogRow({ index, start, row, active, selected, onPick }: LogRowProps) {
  const styles = useStyles();
  const classes = mergeClasses(styles.row, active && styles.active, selected && styles.selected);
  if (row === undefined) {
    return (
      <div className={classes} style={{ top: `${start}px` }} role="option" aria-selected={false} aria-busy="true">
        <span className={styles.loading}>Loading entry {index + 1}…</span>
      </div>
    );
  }
  return (
    <div
      id={`log-row-${row.seq}`}
      className={classes}
      style={{ top: `${start}px` }}
      role="option"
      aria-selected={selected}
      data-seq={row.seq}
      onClick={() => onPick(index, row.seq)}
    >
      <span className={styles.cell}>{row.seq}</span>
      <span className={styles.cell}>{timeOf(row.requestTime)}</span>
      <span className={styles.cell}>{row.command ?? '—'}</span>
      <span className={styles.cell}>{row.httpStatus ?? '—'}</span>
      <span className={styles.cell} title={row.status}>
        <OutcomeIcon outcome={row.outcome === 'error' ? 'problem' : row.outcome} showLabel={false} />{' '}
        {row.status ?? ''}
      </span>
      <span className={styles.cell} title={row.summary}>
        {row.summary}
      </span>
    </div>
  );
});

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

  const rows = useVirtualRows({
    total,
    rowHeight: LOG_ROW_HEIGHT,
    ensureRows,
    loaded: pages,
    onMove: (index) => {
      const row = rowAt({ pages }, index);
      if (row !== undefined) void select(row.seq);
    },
  });
  const { active, setActive } = rows;
  const onPick = useStableCallback((index: number, seq: number) => {
    setActive(index);
    void select(seq);
  });
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    rows.onNavigationKey(event);
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
      <VirtualListbox
        scrollerRef={rows.scrollerRef}
        totalSize={rows.totalSize}
        total={total}
        className={styles.scroller}
        label={`Log entries (${total}). Use the arrow keys to move and see an entry’s details.`}
        activeDescendant={activeRow !== undefined ? `log-row-${activeRow.seq}` : undefined}
        onKeyDown={onKeyDown}
        testId="log-list"
      >
        {rows.items.map((item) => {
          const row = rowAt({ pages }, item.index);
          return (
            <LogRow
              key={rows.keyOf(item.index)}
              index={item.index}
              start={item.start}
              row={row}
              active={item.index === active}
              selected={row !== undefined && row.seq === selectedSeq}
              onPick={onPick}
            />
          );
        })}
      </VirtualListbox>
    </div>
  );
}
