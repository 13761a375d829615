import { useEffect } from 'react';

const OPEN_DIALOG = '[role="dialog"], [role="alertdialog"]';

/**
 * App-wide backstop for the Fluent UI Dialog / Tabster behaviour `useReleaseModalHiding` works
 * around per dialog: a modal leaves `aria-hidden="true"` on `#root` after it closes, and the whole
 * app disappears for screen readers until reload. Mounted once at the app root, it watches the
 * document and, whenever no dialog is left open, lifts that stale hiding, so every dialog (also
 * ones added later) is covered without each remembering to call a hook.
 */
export function useModalHidingGuard(): void {
  useEffect(() => {
    const root = document.getElementById('root');
    if (root === null) return;
    const release = () => {
      if (root.getAttribute('aria-hidden') !== 'true') return;
      if (document.querySelector(OPEN_DIALOG) !== null) return;
      root.removeAttribute('aria-hidden');
    };
    const observer = new MutationObserver(release);
    // Dialogs are portalled into <body>; the hiding lands on #root. Both kinds of change matter.
    observer.observe(document.body, { childList: true, subtree: true });
    observer.observe(root, { attributes: true, attributeFilter: ['aria-hidden'] });
    return () => observer.disconnect();
  }, []);
}
