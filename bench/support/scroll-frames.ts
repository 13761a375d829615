// Frame cost while scrolling a list, measured from a Chromium trace of the page's main thread.
//
// Why not the interval between requestAnimationFrame callbacks: Chromium paces frames to the
// display's 60 Hz, so even an empty page's rAF interval is 16.7 ms (17 when rounded) and a
// "p95 ≤ 16 ms" goal could never be met by that figure. What decides whether scrolling keeps up
// is how much main-thread work each frame costs: the scroll handlers, React's render and commit,
// style, layout, paint, and whatever the frame's data answers cost before the next frame starts.
// So each frame's cost here is the main thread's busy time (top-level tasks, clipped) from one
// BeginMainThreadFrame to the next, for the frames produced while the list is scrolled — one
// scroll jump per frame, no idle frames. The rAF intervals are still reported, for comparison.
import { writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { END, frameWork, START, type TraceEvent } from './frame-work';

export interface ScrollFrames {
  /** Frames the main thread produced during the scroll. */
  frames: number;
  /** 95th percentile of main-thread work per frame, ms. */
  p95WorkMs: number;
  maxWorkMs: number;
  /**
   * 95th percentile of the main thread's CPU time per frame, ms. On a machine shared with other
   * work the wall-clock figure above also counts time the thread waited for a core; this one
   * does not, so it shows the page's own cost.
   */
  p95CpuMs: number;
  meanCpuMs: number;
  /** 95th percentile of the interval between rAF callbacks, ms (vsync-bound: never below 16.7). */
  p95IntervalMs: number;
}

/** The scroll's figures under the names both view benches report them by. */
export function scrollFigures(scroll: ScrollFrames) {
  return {
    scrollP95FrameMs: scroll.p95WorkMs,
    scrollMaxFrameMs: scroll.maxWorkMs,
    scrollP95FrameCpuMs: scroll.p95CpuMs,
    scrollMeanFrameCpuMs: scroll.meanCpuMs,
    scrollFrames: scroll.frames,
    scrollP95RafIntervalMs: scroll.p95IntervalMs,
  };
}

/**
 * Scrolls the element matching `selector` from top to bottom in `steps` jumps, one per frame,
 * and returns what each frame cost.
 */
export async function measureScrollFrames(
  browser: Browser,
  page: Page,
  selector: string,
  steps = 120,
): Promise<ScrollFrames> {
  await browser.startTracing(page, {
    // BENCH_TRACE_CATEGORIES=a,b adds categories to look into a frame (at a cost to the figures).
    categories: [
      'toplevel',
      'blink.user_timing',
      'disabled-by-default-devtools.timeline.frame',
      ...(process.env.BENCH_TRACE_CATEGORIES?.split(',') ?? []),
    ],
  });
  let intervals: number[];
  let trace: Buffer;
  try {
    intervals = await page.evaluate(
      async ({ selector, steps, start, end }) => {
        const el = document.querySelector(selector) as HTMLElement;
        el.scrollTop = 0;
        await new Promise<void>((r) => requestAnimationFrame(() => r()));
        const durations: number[] = [];
        performance.mark(start);
        let last = performance.now();
        for (let i = 1; i <= steps; i++) {
          el.scrollTop = (el.scrollHeight * i) / steps;
          await new Promise<void>((r) => requestAnimationFrame(() => r()));
          const now = performance.now();
          durations.push(now - last);
          last = now;
        }
        // One more frame so the last jump's answers land inside the measured window.
        await new Promise<void>((r) => requestAnimationFrame(() => r()));
        performance.mark(end);
        return durations;
      },
      { selector, steps, start: START, end: END },
    );
  } finally {
    // Tracing stops whether or not the scroll succeeded; a failed scroll still fails the bench.
    trace = await browser.stopTracing();
  }
  // BENCH_TRACE_OUT=<file> keeps the trace, to open in the browser's performance panel.
  if (process.env.BENCH_TRACE_OUT) writeFileSync(process.env.BENCH_TRACE_OUT, trace);
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const work = frameWork(events, 'wall');
  const sortedWork = [...work].sort((a, b) => a - b);
  const sortedCpu = frameWork(events, 'cpu').sort((a, b) => a - b);
  const sortedIntervals = [...intervals].sort((a, b) => a - b);
  return {
    frames: work.length,
    p95WorkMs: round(percentile(sortedWork, 0.95)),
    maxWorkMs: round(sortedWork[sortedWork.length - 1] ?? 0),
    p95CpuMs: round(percentile(sortedCpu, 0.95)),
    meanCpuMs: round(sortedCpu.reduce((a, b) => a + b, 0) / Math.max(1, sortedCpu.length)),
    p95IntervalMs: round(percentile(sortedIntervals, 0.95)),
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
