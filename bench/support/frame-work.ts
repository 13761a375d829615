// Main-thread work per frame, read from a Chromium trace (see scroll-frames.ts for why this is
// the frame figure). Pure: no browser, no DOM, so it is unit-tested on synthetic traces.

export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of a complete event, µs. */
  tdur?: number;
  args?: { name?: string };
}

/** The user-timing marks the scroll is framed by. */
export const START = 'bench-scroll-start';
export const END = 'bench-scroll-end';

/**
 * Main-thread busy time (ms) of each frame begun between the start and end marks: wall-clock, or
 * CPU time (a task's thread time, in proportion to the part of it inside the frame).
 */
export function frameWork(events: TraceEvent[], clock: 'wall' | 'cpu'): number[] {
  const mark = (name: string) =>
    events.find((e) => e.name === name && (e.ph === 'R' || e.ph === 'I' || e.ph === 'n' || e.ph === 'b'));
  const start = mark(START);
  const end = mark(END);
  if (start === undefined || end === undefined) throw new Error('the trace lacks the scroll marks');
  const main = { pid: start.pid, tid: start.tid };
  const onMain = (e: TraceEvent) => e.pid === main.pid && e.tid === main.tid;
  const frameStarts = events
    .filter((e) => e.name === 'BeginMainThreadFrame' && onMain(e) && e.ts >= start.ts && e.ts <= end.ts)
    .map((e) => e.ts)
    .sort((a, b) => a - b);
  const tasks = events.filter((e) => e.name === 'ThreadControllerImpl::RunTask' && e.ph === 'X' && onMain(e));
  const work: number[] = [];
  for (let i = 0; i + 1 < frameStarts.length; i++) {
    const from = frameStarts[i]!;
    const to = frameStarts[i + 1]!;
    let busy = 0;
    for (const task of tasks) {
      const dur = task.dur ?? 0;
      const clipped = Math.min(task.ts + dur, to) - Math.max(task.ts, from);
      if (clipped <= 0) continue;
      busy += clock === 'wall' || dur === 0 ? clipped : (clipped * (task.tdur ?? dur)) / dur;
    }
    work.push(busy / 1000);
  }
  return work;
}
