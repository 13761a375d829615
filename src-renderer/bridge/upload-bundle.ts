/**
 * The browser version's way to hand main a bundle: the page POSTs the chosen file's bytes to the
 * browser host (same origin, session cookie) and gets a one-time id for `cases:import`. The
 * renderer never learns or sends a path.
 */
export async function uploadBundle(file: Blob): Promise<{ ok: true; uploadId: string } | { ok: false; message: string }> {
  try {
    // Relative: the host serves this launch under its own path.
    const response = await fetch('uploads/bundle', {
      method: 'POST',
      body: file,
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/zip' },
    });
    if (response.status === 413) return { ok: false, message: 'The file is too large to be a case bundle.' };
    if (!response.ok) return { ok: false, message: `The app did not take the file (HTTP ${response.status}). Reload the page and try again.` };
    const body = (await response.json()) as { uploadId?: unknown };
    if (typeof body.uploadId !== 'string') return { ok: false, message: 'The app did not take the file. Reload the page and try again.' };
    return { ok: true, uploadId: body.uploadId };
  } catch {
    return { ok: false, message: 'The file could not be sent to the app. Check that it is still running, then try again.' };
  }
}
