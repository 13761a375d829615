import type { Dispatcher } from '../ipc/dispatcher';
import { fail } from '../shared/ipc/result';
import { isAppUrl } from './app-origin';

/** The slice of an IpcMainInvokeEvent the sender check reads. */
export interface InvokeEventLike {
  sender: { id: number; mainFrame: unknown };
  senderFrame: { url: string; parent: unknown } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, payload: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/**
 * Trusted senders: WebContents the app created itself, asking from their top frame, while that
 * frame shows the app's own origin. VS Code-style checks, made exact.
 */
export class SenderPolicy {
  private readonly trusted = new Set<number>();

  trust(webContentsId: number): void {
    this.trusted.add(webContentsId);
  }

  forget(webContentsId: number): void {
    this.trusted.delete(webContentsId);
  }

  allows(event: InvokeEventLike): boolean {
    const frame = event.senderFrame;
    if (frame === null) return false;
    if (!this.trusted.has(event.sender.id)) return false;
    if (frame.parent !== null || frame !== event.sender.mainFrame) return false;
    return isAppUrl(frame.url);
  }
}

/**
 * Registers every contract channel on ipcMain, and only those. Each call is checked for its
 * sender before the dispatcher parses the payload; nothing throws across the boundary.
 */
export function registerIpc(ipcMain: IpcMainLike, dispatcher: Dispatcher, policy: SenderPolicy): () => void {
  for (const channel of dispatcher.channels) {
    ipcMain.handle(channel, async (event, payload) => {
      if (!policy.allows(event)) return fail('FORBIDDEN_SENDER', 'This window may not call the app.');
      return dispatcher.dispatch(channel, payload);
    });
  }
  return () => {
    for (const channel of dispatcher.channels) ipcMain.removeHandler(channel);
  };
}
