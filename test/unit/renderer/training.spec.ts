import { describe, expect, it } from 'vitest';
import { scenarioOptionLabel, storyVisible } from '../../../src-renderer/logic/training';

describe('training mode', () => {
  const loop = { id: 'sync-key-loop', title: 'Inbox stuck in a sync-key reset loop' };
  const exercise = { id: 'training-debug-logging-off', title: 'Training: turn on debug logging and wait for the phone' };

  it('names practice cases without giving the answer away, but keeps a training exercise’s title', () => {
    expect(scenarioOptionLabel(loop, 4, false)).toBe('Demo tenant — Inbox stuck in a sync-key reset loop');
    expect(scenarioOptionLabel(loop, 4, true)).toBe('Demo tenant — practice case 5');
    expect(scenarioOptionLabel(exercise, 0, true)).toBe(`Demo tenant — ${exercise.title}`);
  });

  it('shows the story outside training, and in training only once the summary was reached', () => {
    expect(storyVisible(null)).toBe(true);
    expect(storyVisible({ revealed: false })).toBe(false);
    expect(storyVisible({ revealed: true })).toBe(true);
  });
});
