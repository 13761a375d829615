import { z } from 'zod';

/** Frames the browser host and the renderer's host bridge exchange over the WebSocket. */
export const clientFrameSchema = z.object({
  type: z.literal('invoke'),
  id: z.number().int().nonnegative(),
  channel: z.string().max(200),
  payload: z.unknown(),
});
export type ClientFrame = z.infer<typeof clientFrameSchema>;

export type ServerFrame =
  | { type: 'result'; id: number; result: unknown }
  | { type: 'event'; channel: string; payload: unknown };

/** Reads one client text frame: the invoke it holds, or null for anything else (the host then closes with 1008). */
export function parseClientFrame(text: string): ClientFrame | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const frame = clientFrameSchema.safeParse(json);
  return frame.success ? frame.data : null;
}
