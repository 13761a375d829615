import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useVirtualizer, type Range, type VirtualItem } from '@tanstack/react-virtual';
import { steadyWindow } from './steady-window';
import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
} from 'react';

/**
 * The virtualized listbox shared by the log view and the Devices area: rows of one fixed height
 * (the virtualizer never measures), only the rows on screen plus a small overscan in the DOM,
 * always as many of them and each keyed by its place on screen (a scroll changes text and offsets
 * only: no row element is created, removed or moved), and the store asked for exactly those rows. Arrow keys, Page Up/Down, Home and End move the active
 * row; each view adds its own keys (Space, Enter) and draws its own memoized rows.
 */
export interface VirtualRowsOptions {
  total: number;
  rowHeight: number;
  /** Rows drawn beyond each edge of the screen. Small: a jump re-draws every one of them. */
  overscan?: number;
  /** Asks the store for the rows from `first` to `last` (indexes into the list). */
  ensureRows(first: number, last: number): void;
  /**
   * Changes whenever loaded rows change (the store's pages), so the window is asked for again.
   * A view that watches its window's rows itself (the Devices table) leaves it out.
   */
  loaded?: unknown;
  /** Called when the keyboard moves the active row. */
  onMove?(index: number): void;
}

export interface VirtualRows {
  scrollerRef: RefObject<HTMLDivElement | null>;
  items: VirtualItem[];
  /** The first and last index drawn (0 and 0 when nothing is). */
  first: number;
  last: number;
  /**
   * The React key for the row at `index`: its place on screen (0 for the first row drawn, 1 for
   * the next…). The n-th row element always stays the n-th child, so a scroll only changes text
   * and offsets in place: no element is created, removed or moved. (Keying by index modulo the
   * row count, as before, kept a row that stayed on screen from being drawn again, but React then
   * moved most row elements on every jump to keep them in order; Chromium takes a moved element
   * out of the layout tree and builds it again, which cost more than redrawing every row's text.)
   */
  keyOf(index: number): number;
  totalSize: number;
  active: number;
  setActive(index: number): void;
  /** Handles the navigation keys; true when the event was one of them. */
  onNavigationKey(event: KeyboardEvent<HTMLElement>): boolean;
}

export function useVirtualRows({ total, rowHeight, overscan = 2, ensureRows, loaded, onMove }: VirtualRowsOptions): VirtualRows {
  const scrollerRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  // The viewport's height as the virtualizer measured it (it observes the scroller's size).
  const measuredRef = useRef<{ scrollRect: { height: number } | null } | null>(null);
  const rangeExtractor = useCallback(
    (range: Range) => steadyWindow(range, Math.ceil((measuredRef.current?.scrollRect?.height ?? 0) / rowHeight) + 1),
    [rowHeight],
  );
  // TanStack Virtual keeps its own mutable state; the component re-renders on its onChange.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollerRef.current,
    estimateSize: () => rowHeight,
    overscan,
    rangeExtractor,
  });
  useEffect(() => {
    measuredRef.current = virtualizer;
  }, [virtualizer]);
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (total > 0) ensureRows(first, last);
  }, [first, last, total, loaded, ensureRows]);

  const onNavigationKey = (event: KeyboardEvent<HTMLElement>): boolean => {
    const pageRows = Math.max(1, Math.floor((scrollerRef.current?.clientHeight ?? 320) / rowHeight) - 1);
    const moves: Record<string, number> = {
      ArrowDown: active + 1,
      ArrowUp: active - 1,
      PageDown: active + pageRows,
      PageUp: active - pageRows,
      Home: 0,
      End: total - 1,
    };
    const target = moves[event.key];
    if (target === undefined || total === 0) return false;
    event.preventDefault();
    const clamped = Math.max(0, Math.min(total - 1, target));
    setActive(clamped);
    virtualizer.scrollToIndex(clamped, { align: 'auto' });
    onMove?.(clamped);
    return true;
  };

  const keyOf = (index: number) => index - first;
  return { scrollerRef, items, first, last, keyOf, totalSize: virtualizer.getTotalSize(), active, setActive, onNavigationKey };
}

/**
 * A callback whose identity never changes but which always calls the latest `fn`: memoized rows
 * receive it without re-rendering whenever the list does.
 */
export function useStableCallback<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void {
  const ref = useRef(fn);
  useEffect(() => {
    ref.current = fn;
  });
  return useCallback((...args: A) => ref.current(...args), []);
}

const useStyles = makeStyles({
  scroller: {
    overflowY: 'auto',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    position: 'relative',
    // The list's inside never changes the page's layout, so a scroll frame lays out and paints
    // only the list (its height is fixed by the view, its width by the page).
    contain: 'strict',
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: '2px',
    },
  },
  spacer: { position: 'relative', width: '100%' },
});

/**
 * Style for a row of a VirtualListbox: absolutely placed at its offset, of fixed height, contained
 * so that drawing one row never lays out another.
 */
export const virtualRowStyle = {
  position: 'absolute',
  left: 0,
  right: 0,
  contain: 'strict',
} as const;

export interface VirtualListboxProps {
  scrollerRef: RefObject<HTMLDivElement | null>;
  totalSize: number;
  total: number;
  /** The view's own class: at least the scroller's height. */
  className: string;
  label: string;
  activeDescendant: string | undefined;
  multiselectable?: boolean;
  testId: string;
  onKeyDown(event: KeyboardEvent<HTMLDivElement>): void;
  children: ReactNode;
}

/** The scrolling listbox element and its full-height spacer; the rows are the view's children. */
export function VirtualListbox({
  scrollerRef,
  totalSize,
  total,
  className,
  label,
  activeDescendant,
  multiselectable,
  testId,
  onKeyDown,
  children,
}: VirtualListboxProps) {
  const styles = useStyles();
  return (
    <div
      ref={scrollerRef}
      className={mergeClasses(styles.scroller, className)}
      role="listbox"
      aria-multiselectable={multiselectable ? 'true' : undefined}
      aria-label={label}
      tabIndex={0}
      aria-activedescendant={activeDescendant}
      onKeyDown={onKeyDown}
      data-testid={testId}
      data-total={total}
    >
      <div className={styles.spacer} style={{ height: `${totalSize}px` }} role="presentation">
        {children}
      </div>
    </div>
  );
}
