import { describe, expect, it } from 'vitest';
import { plainErrorMessage } from '../../../src-renderer/logic/plain-error';
import { describeFailure } from '../../../src-renderer/logic/result';

describe('errors in plain language', () => {
  it('turns a Node error code and its path into words, keeping the file name', () => {
    const text = plainErrorMessage("Cannot open the bundle: ENOENT: no such file or directory, open 'C:\\Cases\\case.zip'");
    expect(text).not.toMatch(/ENOENT|no such file/);
    expect(text).toContain('the file or folder is not there');
    expect(text).toContain('C:\\Cases\\case.zip');
    expect(plainErrorMessage('Cannot read notes.har: EACCES.')).toBe('Cannot read notes.har: Windows did not let the app open it (no permission).');
  });

  it('never shows an IPC channel name', () => {
    const refused = describeFailure({ ok: false, error: { code: 'INVALID_REQUEST', message: 'Invalid request on cases:import: source: Required' } });
    expect(refused).not.toMatch(/cases:import|Invalid request on|source: Required/);
    expect(refused).toMatch(/^The app could not take this request/);
    const internal = describeFailure({ ok: false, error: { code: 'INTERNAL', message: 'The app produced an invalid response on logs:query.' } });
    expect(internal).not.toContain('logs:query');
    expect(plainErrorMessage('Upload failed on evidence:add-chunk after 3 tries.')).toBe('Upload failed after 3 tries.');
  });

  it('leaves a plain sentence alone', () => {
    const sentence = 'Exchange Online did not answer within 60 seconds.';
    expect(plainErrorMessage(sentence)).toBe(sentence);
    expect(plainErrorMessage('Sign in at https://login.example/device, then try again.')).toBe('Sign in at https://login.example/device, then try again.');
  });
});
