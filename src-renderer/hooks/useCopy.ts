import { useCallback, useEffect, useState } from 'react';

/**
 * Copies text to the clipboard and reports the outcome for a short while, so the button can say
 * "Copied". When the browser refuses (no permission), the caller shows the text selected instead.
 */
export function useCopy(): { copy(text: string): Promise<void>; state: 'idle' | 'copied' | 'failed' } {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 4000);
    return () => clearTimeout(timer);
  }, [state]);
  const copy = useCallback(async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  }, []);
  return { copy, state };
}
