import { z } from 'zod';

/**
 * The one IPC contract between the renderer and the main process.
 *
 * Every invoke channel and every pushed event is declared here once, with zod schemas for its
 * payloads. The Electron registration helper, the preload bridge, the browser host and the
 * renderer's host bridge are all generated from this table, and a test proves they serve exactly
 * these channels. Channel names follow `<domain>:<verb>` for invokes and `event:<name>` for pushes.
 */

const empty = z.object({}).strict();

export const runtimeKindSchema = z.enum(['electron', 'browser-host']);

export const appInfoSchema = z.object({
  productName: z.string(),
  version: z.string(),
  runtime: runtimeKindSchema,
  platform: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const backendNoticeSchema = z.object({
  level: z.enum(['info', 'warning', 'error']),
  message: z.string(),
  at: z.string(),
});
export type BackendNotice = z.infer<typeof backendNoticeSchema>;

interface InvokeDef<Req extends z.ZodType, Res extends z.ZodType> {
  readonly channel: string;
  readonly request: Req;
  readonly response: Res;
}
interface EventDef<P extends z.ZodType> {
  readonly channel: string;
  readonly payload: P;
}

const invoke = <Req extends z.ZodType, Res extends z.ZodType>(
  channel: `${string}:${string}`,
  request: Req,
  response: Res,
): InvokeDef<Req, Res> => ({ channel, request, response });

const event = <P extends z.ZodType>(channel: `event:${string}`, payload: P): EventDef<P> => ({
  channel,
  payload,
});

export const ipcContract = {
  invoke: {
    getAppInfo: invoke('app:get-info', empty, appInfoSchema),
  },
  events: {
    onBackendNotice: event('event:backend-notice', backendNoticeSchema),
  },
} as const;

export type IpcContract = typeof ipcContract;
export type InvokeName = keyof IpcContract['invoke'];
export type EventName = keyof IpcContract['events'];

/** What a caller passes (before zod defaults apply). */
export type RequestOf<K extends InvokeName> = z.input<IpcContract['invoke'][K]['request']>;
/** What a handler receives (after zod parsing). */
export type ParsedRequestOf<K extends InvokeName> = z.output<IpcContract['invoke'][K]['request']>;
export type ResponseOf<K extends InvokeName> = z.output<IpcContract['invoke'][K]['response']>;
export type EventPayloadOf<K extends EventName> = z.output<IpcContract['events'][K]['payload']>;

export const invokeNames = Object.keys(ipcContract.invoke) as InvokeName[];
export const eventNames = Object.keys(ipcContract.events) as EventName[];
export const invokeChannels: readonly string[] = invokeNames.map((k) => ipcContract.invoke[k].channel);
export const eventChannels: readonly string[] = eventNames.map((k) => ipcContract.events[k].channel);
