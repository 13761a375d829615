// Log view responsiveness with 200 000 mailbox-log entries, measured in Debian's Chromium.
// The page is the real renderer (App, stores, virtualized list) over an in-page API that
// generates entries on demand, so the figures are the renderer's own, not the backend's.
// Goals (issue 14): first rows within 1 s after the analysis ends (the analysed case reaches the
// renderer; page load and app boot before that are reported apart as pageToFirstRowsMs), End
// reaches the last entry within 500 ms, never more than 100 rows in the DOM, and p95 main-thread
// work per frame at most 16 ms while scrolling through the log (see support/scroll-frames.ts for
// why that, not the vsync-bound rAF interval, is the frame figure).
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { chromium as ChromiumLauncher } from 'playwright-core';
import { measureScrollFrames, scrollFigures } from './support/scroll-frames';

const ENTRIES = 200_000;
const ROOT = process.cwd();
const PAGE_DIR = path.join(ROOT, 'out', 'bench', 'log-view-harness');
const GOALS = { firstRowsMs: 1000, endKeyMs: 500, domRows: 100, scrollP95FrameMs: 16 };

// Loaded at run time from the project's node_modules: Playwright cannot be bundled.
const { chromium } = createRequire(path.join(ROOT, 'package.json'))('playwright-core') as { chromium: typeof ChromiumLauncher };

async function main(): Promise<void> {
  const built = spawnSync(process.execPath, [path.join(ROOT, 'bench', 'log-view-harness', 'build.mjs')], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('building the benchmark page failed');

  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
  const server = createServer((req, res) => {
    const name = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const file = path.join(PAGE_DIR, path.normalize(name === '/' ? '/index.html' : name));
    if (!file.startsWith(PAGE_DIR)) return void res.writeHead(403).end();
    readFile(file).then(
      (body) => res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--enable-precise-memory-info'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const started = Date.now();
    await page.goto(`http://127.0.0.1:${port}/?entries=${ENTRIES}`);
    const list = page.getByTestId('log-list');
    await list.locator('[data-seq="1"]').waitFor();
    const pageToFirstRowsMs = Date.now() - started;
    const firstRowsMs = Math.round(
      await page.evaluate(() => {
        const at = (name: string) => performance.getEntriesByName(name)[0]!.startTime;
        return at('first-log-row') - at('analysis-ended');
      }),
    );

    await list.focus();
    const endStarted = Date.now();
    await page.keyboard.press('End');
    await list.locator(`[data-seq="${ENTRIES}"]`).waitFor();
    const endKeyMs = Date.now() - endStarted;
    const domRows = await list.locator('[role="option"]').count();

    // Scroll from top to bottom in 120 jumps, one per frame.
    const scroll = await measureScrollFrames(browser, page, '[data-testid="log-list"]');
    await list.locator('[role="option"][data-seq]').last().waitFor();
    const heapMB = await page.evaluate(() => {
      const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
      return memory ? Math.round(memory.usedJSHeapSize / 1048576) : -1;
    });

    const figures = {
      entries: ENTRIES,
      firstRowsMs,
      pageToFirstRowsMs,
      endKeyMs,
      domRows,
      ...scrollFigures(scroll),
      heapMB,
    };
    console.log(`@@BENCH@@${JSON.stringify({ name: 'log-view-200k', ...figures })}`);
    const missed = (Object.keys(GOALS) as Array<keyof typeof GOALS>).filter((k) => figures[k] > GOALS[k]);
    if (missed.length > 0) {
      console.log(`log view missed its goals: ${missed.map((k) => `${k}=${figures[k]} (goal ${GOALS[k]})`).join(', ')}`);
      process.exitCode = 1;
    }
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
