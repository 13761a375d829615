import { describe, expect, it } from 'vitest';
import { frameWork } from '../../../bench/support/frame-work';

// A synthetic Chromium trace: the page's main thread (pid 1, tid 1) and another thread.
const MAIN = { pid: 1, tid: 1 };
const mark = (name: string, ts: number) => ({ name, ph: 'R', ...MAIN, ts });
const frame = (ts: number, on = MAIN) => ({ name: 'BeginMainThreadFrame', ph: 'I', ...on, ts });
const task = (ts: number, dur: number, tdur = dur, on = MAIN) => ({
  name: 'ThreadControllerImpl::RunTask',
  ph: 'X',
  ...on,
  ts,
  dur,
  tdur,
});

describe('frameWork: main-thread work per frame from a trace', () => {
  const events = [
    frame(0), // before the start mark: not a scroll frame
    task(0, 9_000),
    mark('bench-scroll-start', 1_000),
    frame(16_000),
    task(16_000, 4_000, 3_000), // 4 ms wall, 3 ms CPU
    task(25_000, 2_000), // a data answer between frames counts for the frame it falls in
    frame(33_000),
    task(33_000, 30_000, 30_000), // a long task runs on into the next frame's interval
    frame(50_000),
    task(52_000, 1_000, 1_000, { pid: 1, tid: 2 }), // another thread: not the page's main thread
    frame(66_000),
    mark('bench-scroll-end', 70_000),
    frame(83_000), // after the end mark
  ];

  it('sums wall-clock busy time between consecutive frame starts, clipping tasks at frame edges', () => {
    expect(frameWork(events, 'wall')).toEqual([6, 17, 13]);
  });

  it('counts CPU time in proportion to the part of a task inside the frame', () => {
    expect(frameWork(events, 'cpu')).toEqual([5, 17, 13]);
  });

  it('refuses a trace without the scroll marks rather than measuring idle frames', () => {
    expect(() => frameWork([frame(0), task(0, 1_000)], 'wall')).toThrow(/scroll marks/);
  });
});
