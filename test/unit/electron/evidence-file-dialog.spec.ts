import { describe, expect, it } from 'vitest';
import { createEvidenceFileDialog } from '../../../src-main/electron/adapters/evidence-file-dialog';

describe('Electron evidence file dialog adapter', () => {
  it('opens a multi-select open dialog over the app window and returns the chosen paths', async () => {
    const calls: unknown[][] = [];
    const window = { id: 1 };
    const dialog = {
      showOpenDialog: async (...args: unknown[]) => {
        calls.push(args);
        return { canceled: false, filePaths: ['/logs/EASMailboxLog_alex_iPhone_A1.gz', '/logs/phone.har'] };
      },
    };
    const picker = createEvidenceFileDialog(dialog as never, () => window as never);
    expect(await picker.pickFiles()).toEqual(['/logs/EASMailboxLog_alex_iPhone_A1.gz', '/logs/phone.har']);
    expect(calls[0]![0]).toBe(window);
    expect(calls[0]![1]).toMatchObject({ properties: ['openFile', 'multiSelections'] });
    expect(JSON.stringify(calls[0]![1])).toContain('har');
  });

  it('answers undefined when the operator cancels, and works without a window', async () => {
    const dialog = { showOpenDialog: async (...args: unknown[]) => ({ canceled: true, filePaths: [], args }) };
    const picker = createEvidenceFileDialog(dialog as never, () => null);
    expect(await picker.pickFiles()).toBeUndefined();
  });
});
