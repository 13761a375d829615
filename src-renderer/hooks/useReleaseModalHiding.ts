import { useEffect } from 'react';

/**
 * Works around a Fluent UI Dialog / Tabster behaviour seen in this app (Chromium, the browser
 * host): after a modal Dialog closes, `aria-hidden="true"` stays on `#root`, so screen readers
 * (and role-based queries) see no page at all until reload. When the dialog using this hook
 * unmounts and no other dialog is open, the stale attribute is removed.
 */
export function useReleaseModalHiding(): void {
  useEffect(
    () => () => {
      setTimeout(() => {
        if (document.querySelector('[role="dialog"], [role="alertdialog"]') !== null) return;
        document.getElementById('root')?.removeAttribute('aria-hidden');
      }, 0);
    },
    [],
  );
}
