import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { memo, type KeyboardEvent } from 'react';
import type { LogEntryRow } from '../../../src-main/shared/models/wizard';
import { rowAt } from '../../stores/logs-store';
import { useLogsStore } from '../../stores/store-context';
import { OUTCOME_LABELS } from '../../logic/outcome';
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
  glyph: { width: '20px', height: '20px', fill: 'currentColor', flexShrink: 0 },
  ok: { color: tokens.colorPaletteGreenForeground1 },
  problem: { color: tokens.colorPaletteRedForeground1 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  loading: { fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
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

/**
 * The outcome shapes OutcomeIcon draws (Fluent's CheckmarkCircleFilled, DismissCircleFilled and
 * WarningFilled, 20 × 20), as one plain path: a row that scrolls in changes only the path's `d`,
 * where an icon component per row cost about a sixth of each scroll frame.
 */
const OUTCOME_PATHS = {
  ok: 'M10 2a8 8 0 1 1 0 16 8 8 0 0 1 0-16m3.36 5.65a.5.5 0 0 0-.64-.06l-.07.06L9 11.3 7.35 9.65l-.07-.06a.5.5 0 0 0-.7.7l.07.07 2 2 .07.06c.17.11.4.11.56 0l.07-.06 4-4 .07-.08a.5.5 0 0 0-.06-.63',
  problem:
    'M10 2a8 8 0 1 1 0 16 8 8 0 0 1 0-16M7.8 7.11a.5.5 0 0 0-.63.06l-.06.07a.5.5 0 0 0 .06.64L9.3 10l-2.12 2.12-.06.07a.5.5 0 0 0 .06.64l.07.06c.2.13.47.11.64-.06L10 10.7l2.12 2.12.07.06c.2.13.46.11.64-.06l.06-.07a.5.5 0 0 0-.06-.64L10.7 10l2.12-2.12.06-.07a.5.5 0 0 0-.06-.64l-.07-.06a.5.5 0 0 0-.64.06L10 9.3 7.88 7.17z',
  warning:
    'M7.37 3.56a3 3 0 0 1 5.26 0l5.5 10A3 3 0 0 1 15.5 18h-11a3 3 0 0 1-2.63-4.44zM10 12.75a.75.75 0 1 0 0 1.5.75.75 0 0 0 0-1.5m0-6.25a.5.5 0 0 0-.5.5v4a.5.5 0 0 0 1 0V7a.5.5 0 0 0-.5-.5',
} as const;

interface LogRowProps {
  index: number;
  start: number;
  row: LogEntryRow | undefined;
  active: boolean;
  selected: boolean;
  onPick(index: number, seq: number): void;
}

/**
 * One entry; memoized, so a page landing re-draws only the rows it fills (rows are keyed by their
 * place on screen, so a scroll re-draws every row whose entry changed). A row whose page is
 * still loading has the same cells, empty but for "Loading entry N…": when the page lands only
 * text changes, no element is removed or created.
 */
const LogRow = memo(function LogRow({ index, start, row, active, selected, onPick }: LogRowProps) {
  const styles = useStyles();
  const classes = mergeClasses(styles.row, active && styles.active, selected && styles.selected);
  const outcome = row === undefined ? undefined : row.outcome === 'error' ? 'problem' : row.outcome;
  return (
    <div
      id={row !== undefined ? `log-row-${row.seq}` : undefined}
      className={classes}
      style={{ top: `${start}px` }}
      role="option"
      aria-selected={row !== undefined && selected}
      aria-busy={row === undefined ? 'true' : undefined}
      data-seq={row?.seq}
      onClick={row !== undefined ? () => onPick(index, row.seq) : undefined}
    >
      <span className={styles.cell}>{row?.seq}</span>
      <span className={styles.cell}>{row !== undefined ? timeOf(row.requestTime) : ''}</span>
      <span className={styles.cell}>{row !== undefined ? (row.command ?? '—') : ''}</span>
      <span className={styles.cell}>{row !== undefined ? (row.httpStatus ?? '—') : ''}</span>
      <span className={styles.cell} title={row?.status}>
        {/* Shape and word, never colour alone: the word is the image's name. */}
        <svg
          className={mergeClasses(styles.glyph, outcome !== undefined && styles[outcome])}
          viewBox="0 0 20 20"
          role={outcome !== undefined ? 'img' : undefined}
          aria-label={outcome !== undefined ? OUTCOME_LABELS[outcome] : undefined}
          aria-hidden={outcome === undefined ? 'true' : undefined}
        >
          <path d={outcome !== undefined ? OUTCOME_PATHS[outcome] : ''} />
        </svg>{' '}
        {row?.status ?? ''}
      </span>
      {row !== undefined ? (
        <span className={styles.cell} title={row.summary}>
          {row.summary}
        </span>
      ) : (
        <span className={mergeClasses(styles.cell, styles.loading)}>{`Loading entry ${index + 1}…`}</span>
      )}
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
