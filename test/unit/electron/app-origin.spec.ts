import { describe, expect, it } from 'vitest';
import { isAppUrl } from '../../../src-main/electron/app-origin';

describe('isAppUrl', () => {
  it('accepts the app origin with any path', () => {
    expect(isAppUrl('app://renderer/index.html')).toBe(true);
    expect(isAppUrl('app://renderer/')).toBe(true);
  });

  it('refuses look-alikes and other origins', () => {
    for (const url of [
      'app://renderer.evil/index.html',
      'app://evil/index.html',
      'app://user@renderer/index.html',
      'app://renderer:8080/index.html',
      'apps://renderer/index.html',
      'https://renderer/index.html',
      'file:///renderer/index.html',
      'not a url',
      '',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });
});
