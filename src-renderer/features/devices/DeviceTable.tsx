import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { memo, useEffect, type KeyboardEvent } from 'react';
import type { DeviceSort } from '../../../src-main/shared/models/devices';
import { deviceRowAt, windowLoaded } from '../../stores/devices-store';
import { useDevicesStore } from '../../stores/store-context';
import { useStableCallback, useVirtualRows, VirtualListbox, virtualRowStyle } from '../common/VirtualListbox';
import { appLabel, dateLabel, reasonLabel } from './device-labels';

/** Each column: a fixed width, or a share of the room left with a smallest width. */
const COLUMNS: Array<{ px: number; share?: number }> = [
  { px: 28 },
  { px: 120, share: 1.2 },
  { px: 110, share: 1 },
  { px: 110 },
  { px: 44 },
  { px: 100 },
  { px: 160, share: 1.6 },
  { px: 104 },
  { px: 104 },
];
// A flex row rather than a grid: every row is its own little table, and Chromium lays out a
// flex row of fixed and shared widths more cheaply than a grid's tracks, on every scroll frame.
const columnRules = Object.fromEntries(
  COLUMNS.map((c, i) => [
    `& > :nth-child(${i + 1})`,
    c.share === undefined ? { flex: `0 0 ${c.px}px`, minWidth: 0 } : { flex: `${c.share} 1 0px`, minWidth: `${c.px}px` },
  ]),
);
/** Fixed row height: the virtualizer never measures 20 000 rows. */
export const DEVICE_ROW_HEIGHT = 34;

const useStyles = makeStyles({
  scroller: { height: '480px' },
  row: {
    ...virtualRowStyle,
    height: `${DEVICE_ROW_HEIGHT}px`,
    display: 'flex',
    ...columnRules,
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `0 ${tokens.spacingHorizontalS}`,
    cursor: 'pointer',
    whiteSpace: 'nowrap',
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
  },
  active: { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  shown: { backgroundColor: tokens.colorNeutralBackground1Selected },
  cell: { overflow: 'hidden', textOverflow: 'ellipsis' },
  loading: { fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
  header: {
    display: 'flex',
    ...columnRules,
    gap: tokens.spacingHorizontalS,
    padding: `0 ${tokens.spacingHorizontalS}`,
    fontWeight: tokens.fontWeightSemibold,
  },
  sortButton: {
    background: 'none',
    border: 'none',
    padding: 0,
    font: 'inherit',
    color: 'inherit',
    cursor: 'pointer',
    textAlign: 'start',
  },
});

const SORTABLE: Array<[DeviceSort | null, string]> = [
  [null, ''],
  ['user', 'User'],
  ['device', 'Device'],
  [null, 'App'],
  ['protocol', 'EAS'],
  ['state', 'State'],
  [null, 'Reason / rule'],
  ['firstSeen', 'First seen'],
  ['lastActivity', 'Last sync'],
];

interface DeviceRowProps {
  index: number;
  start: number;
  active: boolean;
  onPick(index: number, key: string): void;
  onTick(key: string): void;
}

/**
 * One phone. It reads its own row, tick and "shown" state from the store, so a page of rows that
 * lands (most land ahead of the scroll, off screen) re-draws only the rows it fills, not the
 * table; memoized, so the table's own re-draws skip rows whose place did not change. A row whose
 * page is still loading has the same cells, empty but for "Loading phone N…": when the page lands
 * only text changes, no element is removed or created.
 */
const DeviceRow = memo(function DeviceRow({ index, start, active, onPick, onTick }: DeviceRowProps) {
  const styles = useStyles();
  const row = useDevicesStore((s) => deviceRowAt(s, index));
  const ticked = useDevicesStore((s) => row !== undefined && s.selected.has(row.key));
  const shown = useDevicesStore((s) => row !== undefined && s.why?.key === row.key);
  const classes = mergeClasses(styles.row, active && styles.active, shown && styles.shown);
  const reason = row !== undefined ? reasonLabel(row) : undefined;
  return (
    <div
      id={row !== undefined ? `device-row-${index}` : undefined}
      className={classes}
      style={{ top: `${start}px` }}
      role="option"
      aria-selected={row !== undefined && ticked}
      aria-busy={row === undefined ? 'true' : undefined}
      data-device-id={row?.deviceId}
      data-state={row?.state}
      onClick={row !== undefined ? () => onPick(index, row.key) : undefined}
    >
      {/* Not a checkbox control: an option may not hold one (nested-interactive). The option's
          aria-selected carries the state; Space ticks from the keyboard. */}
      <span
        aria-hidden="true"
        data-testid={row !== undefined ? 'tick' : undefined}
        onClick={
          row !== undefined
            ? (e) => {
                e.stopPropagation();
                onTick(row.key);
              }
            : undefined
        }
      >
        {row === undefined ? '' : ticked ? '☑' : '☐'}
      </span>
      {row !== undefined ? (
        <span className={styles.cell} title={row.mailbox}>
          {row.userDisplayName}
        </span>
      ) : (
        <span className={mergeClasses(styles.cell, styles.loading)}>{`Loading phone ${index + 1}…`}</span>
      )}
      <span className={styles.cell} title={row?.deviceId}>
        {row !== undefined ? row.friendlyName || row.deviceModel : ''}
      </span>
      <span className={styles.cell}>{row !== undefined ? appLabel(row) : ''}</span>
      <span className={styles.cell}>{row === undefined ? '' : row.app === 'outlook' ? '—' : row.protocolVersion}</span>
      <span className={styles.cell}>{row?.state}</span>
      <span className={styles.cell} title={reason}>
        {reason}
      </span>
      <span className={styles.cell}>{row !== undefined ? dateLabel(row.firstSeen) : ''}</span>
      <span
        className={styles.cell}
        title={
          row === undefined
            ? undefined
            : row.lastSync === undefined
              ? 'Last change of the partnership; last sync is read when the row stays on screen'
              : 'Last successful sync'
        }
      >
        {row === undefined
          ? ''
          : row.lastSync === undefined
            ? dateLabel(row.lastActivity)
            : row.lastSync === null
              ? 'never'
              : dateLabel(row.lastSync)}
      </span>
    </div>
  );
});

/**
 * The tenant's phones as a virtualized grid: only rows on screen exist in the DOM, only their
 * pages are fetched, and only their statistics are read. Click or Enter shows "why"; Space ticks
 * a row for a bulk decision.
 */
export function DeviceTable() {
  const styles = useStyles();
  const total = useDevicesStore((s) => s.total) ?? 0;
  const ensureRows = useDevicesStore((s) => s.ensureRows);
  const toggleSelected = useDevicesStore((s) => s.toggleSelected);
  const explain = useDevicesStore((s) => s.explain);
  const sort = useDevicesStore((s) => s.sort);
  const descending = useDevicesStore((s) => s.descending);
  const setSort = useDevicesStore((s) => s.setSort);

  // Not the store's pages: a page landing re-draws the rows it fills (each reads its own), and
  // the table is drawn again only when its window becomes whole or stops being whole, so the
  // window is asked for again after a reset (a decision, a new view) or an evicted page.
  // One row beyond each edge: the rows are drawn inside the scroll event, and a jump re-draws
  // every row anyway.
  const rows = useVirtualRows({ total, rowHeight: DEVICE_ROW_HEIGHT, overscan: 1, ensureRows });
  const { active, setActive, first, last } = rows;
  const windowWhole = useDevicesStore((s) => windowLoaded(s, first, last));
  useEffect(() => {
    if (!windowWhole && total > 0) ensureRows(first, last);
  }, [windowWhole, first, last, total, ensureRows]);
  const activeRow = useDevicesStore((s) => deviceRowAt(s, active));

  const onPick = useStableCallback((index: number, key: string) => {
    setActive(index);
    void explain(key);
  });
  const onTick = useStableCallback((key: string) => toggleSelected(key));
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (rows.onNavigationKey(event)) return;
    if (event.key === ' ' && activeRow !== undefined) {
      event.preventDefault();
      toggleSelected(activeRow.key);
    } else if (event.key === 'Enter' && activeRow !== undefined) {
      event.preventDefault();
      void explain(activeRow.key);
    }
  };

  return (
    <div>
      <div className={styles.header}>
        {SORTABLE.map(([key, label], i) =>
          key === null ? (
            <span key={i}>{label}</span>
          ) : (
            <button
              key={i}
              type="button"
              className={styles.sortButton}
              onClick={() => setSort(key)}
              aria-label={`Sort by ${label}`}
              aria-pressed={sort === key}
            >
              {label}
              {sort === key ? (descending ? ' ↓' : ' ↑') : ''}
            </button>
          ),
        )}
      </div>
      <VirtualListbox
        scrollerRef={rows.scrollerRef}
        totalSize={rows.totalSize}
        total={total}
        className={styles.scroller}
        label={`Phones (${total}). Arrow keys move, Space ticks a phone, Enter explains its state.`}
        activeDescendant={activeRow !== undefined ? `device-row-${active}` : undefined}
        multiselectable
        onKeyDown={onKeyDown}
        testId="device-list"
      >
        {rows.items.map((item) => (
          <DeviceRow
            key={rows.keyOf(item.index)}
            index={item.index}
            start={item.start}
            active={item.index === active}
            onPick={onPick}
            onTick={onTick}
          />
        ))}
      </VirtualListbox>
    </div>
  );
}
