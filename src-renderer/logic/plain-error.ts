/**
 * Error text from the main process can carry words meant for developers: a Node error code with
 * its path ("ENOENT: no such file or directory, open 'C:\…'"), or an IPC channel name ("Invalid
 * request on cases:import: …"). Tier 1 cannot act on either. This keeps the sentence and the file
 * name, and swaps the codes for what they mean; the details are in the app's log for tier 2.
 */

const ERRNO_WORDS: Readonly<Record<string, string>> = {
  ENOENT: 'the file or folder is not there (moved, renamed or deleted?)',
  EACCES: 'Windows did not let the app open it (no permission)',
  EPERM: 'Windows did not let the app open it (no permission)',
  EBUSY: 'another program is using it; close that program and try again',
  EISDIR: 'that is a folder, not a file',
  ENOTDIR: 'part of that path is a file, not a folder',
  ENOSPC: 'the disk is full',
  EMFILE: 'too many files are open at once; try again in a moment',
  EEXIST: 'a file with that name is already there',
  EROFS: 'that place is read-only',
  ECONNREFUSED: 'the app’s background part did not answer',
  ECONNRESET: 'the connection was cut off',
  ETIMEDOUT: 'it took too long to answer',
};

// "ENOENT: no such file or directory, open 'C:\\x\\case.zip'" — code, Node's text, the syscall and the path.
const NODE_ERROR = /\b(E[A-Z]{3,})(?::\s[^,'.]*)?(?:,\s\w+\s'([^']*)')?/g;
// Channel names follow `<domain>:<verb>` / `event:<name>` (the IPC contract's domains).
const CHANNEL =
  /(?:\s+on)?\s*\b(?:app|auth|case|cases|devices|event|evidence|logs|powershell|scenarios|settings|setup):[a-z][a-zA-Z-]*/g;

const REQUEST_REFUSED = 'The app could not take this request: something in it was missing or not in the expected form.';
const ANSWER_UNREADABLE = 'The app gave an answer it could not read. Try again; if it keeps happening, restart the app.';

/** The operator-facing version of an error message: no errno codes, no channel names, no paths of Node's. */
export function plainErrorMessage(message: string): string {
  if (/^Invalid request on /.test(message)) return REQUEST_REFUSED;
  if (/^No such channel: /.test(message)) return ANSWER_UNREADABLE;
  if (/(invalid|malformed) response on /i.test(message)) return ANSWER_UNREADABLE;
  const words = message
    .replace(NODE_ERROR, (whole, code: string, file: string | undefined) => {
      const meaning = ERRNO_WORDS[code];
      if (meaning === undefined) return whole;
      return file !== undefined ? `${meaning} (${file})` : meaning;
    })
    .replace(CHANNEL, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
  return words === '' ? 'Something went wrong. Try again; if it keeps happening, restart the app.' : words;
}
