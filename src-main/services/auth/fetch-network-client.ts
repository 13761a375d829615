import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';

/** The fetch MSAL's traffic goes through: Electron `net.fetch` in the app so the system proxy applies. */
export type AuthFetch = (url: string, init: RequestInit) => Promise<Response>;

/**
 * MSAL's network seam over an injected fetch. MSAL's own client uses Node's global fetch, which
 * ignores the system proxy and PAC files that helpdesk networks often require.
 */
export function createFetchNetworkClient(fetch: AuthFetch): INetworkModule {
  async function send<T>(
    url: string,
    method: 'GET' | 'POST',
    options?: NetworkRequestOptions,
    timeoutMs?: number,
  ) {
    const signal = timeoutMs ? AbortSignal.timeout(timeoutMs) : undefined;
    const response = await fetch(url, {
      method,
      headers: options?.headers,
      body: method === 'POST' ? (options?.body ?? '') : undefined,
      signal,
    });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      headers[key] = value;
    });
    const text = await response.text();
    // MSAL expects a parsed body; identity endpoints answer JSON, even for errors.
    const body = (text.length > 0 ? JSON.parse(text) : {}) as T;
    return { headers, body, status: response.status } satisfies NetworkResponse<T>;
  }
  return {
    sendGetRequestAsync: (url, options, timeout) => send(url, 'GET', options, timeout),
    sendPostRequestAsync: (url, options) => send(url, 'POST', options),
  };
}
