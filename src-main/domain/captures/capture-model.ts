/**
 * One HTTP request/response pair from a device-side capture (HAR from a browser or mitmproxy,
 * SAZ from Fiddler). Times are epoch milliseconds. Header values are as captured: the capture
 * readers keep credentials out of everything they pass on (see capture-to-log.ts).
 */
export interface CaptureExchange {
  /** 1-based position in the capture. */
  readonly index: number;
  readonly startedAt?: number;
  readonly finishedAt?: number;
  readonly method: string;
  readonly url: string;
  readonly requestHeaders: ReadonlyArray<readonly [string, string]>;
  readonly requestBody?: Uint8Array;
  /** Absent when no response came back (the request failed on the device or on the way). */
  readonly response?: CaptureResponse;
  /** What the capturing tool said went wrong (`net::ERR_CERT_…`, `[Fiddler] The connection … failed`). */
  readonly error?: string;
}

export interface CaptureResponse {
  readonly status: number;
  readonly reason?: string;
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly body?: Uint8Array;
}

/** A capture file that is not what its name or first bytes claim (a clear reason for the operator). */
export class CaptureFormatError extends Error {
  override name = 'CaptureFormatError';
}

/** The first value of a header, case-insensitively. */
export function headerValue(headers: ReadonlyArray<readonly [string, string]>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of headers) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

/** EAS requests are the ones to the ActiveSync virtual directory; a capture holds much else. */
export function isEasRequest(url: string): boolean {
  return /\/Microsoft-Server-ActiveSync(?:[/?]|$)/i.test(url);
}
