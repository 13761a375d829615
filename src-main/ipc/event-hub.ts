import { eventNames, ipcContract, type EventName, type EventPayloadOf } from '../shared/ipc/contract';

/** Something that can deliver a validated event to the renderer(s): Electron windows or WebSocket clients. */
export type EventSink = (channel: string, payload: unknown) => void;

/**
 * Services emit events by contract name; the hub validates the payload against the contract and
 * fans it out to every attached sink. A payload that does not match is a bug and is dropped loudly.
 */
export class EventHub {
  private readonly sinks = new Set<EventSink>();

  constructor(private readonly onInvalid: (name: string, error: unknown) => void = () => {}) {}

  attach(sink: EventSink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  emit<K extends EventName>(name: K, payload: EventPayloadOf<K>): void {
    const def = ipcContract.events[name];
    const parsed = def.payload.safeParse(payload);
    if (!parsed.success) {
      this.onInvalid(name, parsed.error);
      return;
    }
    for (const sink of this.sinks) sink(def.channel, parsed.data);
  }

  static readonly channels: readonly string[] = eventNames.map((name) => ipcContract.events[name].channel);
}
