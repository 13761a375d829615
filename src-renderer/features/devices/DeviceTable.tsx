import { makeStyles, mergeClasses, Text, tokens } from '@fluentui/react-components';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { DeviceSort } from '../../../src-main/shared/models/devices';
import { deviceRowAt } from '../../stores/devices-store';
import { useDevicesStore } from '../../stores/store-context';
import { appLabel, dateLabel, reasonLabel } from './device-labels';

const COLUMNS = '28px minmax(120px, 1.2fr) minmax(110px, 1fr) 110px 44px 100px minmax(160px, 1.6fr) 104px 104px';
/** Fixed row height: the virtualizer never measures 20 000 rows. */
export const DEVICE_ROW_HEIGHT = 34;

const useStyles = makeStyles({
  scroller: {
    height: '480px',
    overflowY: 'auto',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    position: 'relative',
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
  spacer: { position: 'relative', width: '100%' },
  row: {
    position: 'absolute',
    left: 0,
    right: 0,
    height: `${DEVICE_ROW_HEIGHT}px`,
    display: 'grid',
    gridTemplateColumns: COLUMNS,
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
  header: {
    display: 'grid',
    gridTemplateColumns: COLUMNS,
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

/**
 * The tenant's phones as a virtualized grid: only rows on screen exist in the DOM, only their
 * pages are fetched, and only their statistics are read. Click or Enter shows "why"; Space ticks
 * a row for a bulk decision.
 */
export function DeviceTable() {
  const styles = useStyles();
  const total = useDevicesStore((s) => s.total) ?? 0;
  const pages = useDevicesStore((s) => s.pages);
  const ensureRows = useDevicesStore((s) => s.ensureRows);
  const selected = useDevicesStore((s) => s.selected);
  const toggleSelected = useDevicesStore((s) => s.toggleSelected);
  const whyKey = useDevicesStore((s) => s.why?.key);
  const explain = useDevicesStore((s) => s.explain);
  const sort = useDevicesStore((s) => s.sort);
  const descending = useDevicesStore((s) => s.descending);
  const setSort = useDevicesStore((s) => s.setSort);
  const [active, setActive] = useState(0);
  const scroller = useRef<HTMLDivElement>(null);

  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => DEVICE_ROW_HEIGHT,
    overscan: 6,
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
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const pageRows = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 340) / DEVICE_ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: active + 1,
      ArrowUp: active - 1,
      PageDown: active + pageRows,
      PageUp: active - pageRows,
      Home: 0,
      End: total - 1,
    };
    const target = moves[event.key];
    const row = deviceRowAt({ pages }, active);
    if (target !== undefined && total > 0) {
      event.preventDefault();
      moveTo(target);
    } else if (event.key === ' ' && row !== undefined) {
      event.preventDefault();
      toggleSelected(row.key);
    } else if (event.key === 'Enter' && row !== undefined) {
      event.preventDefault();
      void explain(row.key);
    }
  };

  const activeRow = deviceRowAt({ pages }, active);
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
      <div
        ref={scroller}
        className={styles.scroller}
        role="listbox"
        aria-multiselectable="true"
        aria-label={`Phones (${total}). Arrow keys move, Space ticks a phone, Enter explains its state.`}
        tabIndex={0}
        aria-activedescendant={activeRow !== undefined ? `device-row-${active}` : undefined}
        onKeyDown={onKeyDown}
        data-testid="device-list"
        data-total={total}
      >
        <div className={styles.spacer} style={{ height: `${virtualizer.getTotalSize()}px` }} role="presentation">
          {items.map((item) => {
            const row = deviceRowAt({ pages }, item.index);
            const classes = mergeClasses(styles.row, item.index === active && styles.active, row?.key === whyKey && styles.shown);
            if (row === undefined) {
              return (
                <div key={item.key} className={classes} style={{ top: `${item.start}px` }} role="option" aria-selected={false} aria-busy="true">
                  <span />
                  <Text size={200}>Loading phone {item.index + 1}…</Text>
                </div>
              );
            }
            const ticked = selected.has(row.key);
            return (
              <div
                key={item.key}
                id={`device-row-${item.index}`}
                className={classes}
                style={{ top: `${item.start}px` }}
                role="option"
                aria-selected={ticked}
                data-device-id={row.deviceId}
                data-state={row.state}
                onClick={() => {
                  setActive(item.index);
                  void explain(row.key);
                }}
              >
                {/* Not a checkbox control: an option may not hold one (nested-interactive). The option's
                    aria-selected carries the state; Space ticks from the keyboard. */}
                <span
                  aria-hidden="true"
                  data-testid="tick"
                  onClick={(e) => {
                    e.stopPropagation();
                    toggleSelected(row.key);
                  }}
                >
                  {ticked ? '☑' : '☐'}
                </span>
                <span className={styles.cell} title={row.mailbox}>{row.userDisplayName}</span>
                <span className={styles.cell} title={row.deviceId}>{row.friendlyName || row.deviceModel}</span>
                <span className={styles.cell}>{appLabel(row)}</span>
                <span className={styles.cell}>{row.app === 'outlook' ? '—' : row.protocolVersion}</span>
                <span className={styles.cell}>{row.state}</span>
                <span className={styles.cell} title={reasonLabel(row)}>{reasonLabel(row)}</span>
                <span className={styles.cell}>{dateLabel(row.firstSeen)}</span>
                <span className={styles.cell} title={row.lastSync === undefined ? 'Last change of the partnership; last sync is read when the row stays on screen' : 'Last successful sync'}>
                  {row.lastSync === undefined ? dateLabel(row.lastActivity) : row.lastSync === null ? 'never' : dateLabel(row.lastSync)}
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
