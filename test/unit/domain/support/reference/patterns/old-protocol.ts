/**
 * The detector's walk in its plain form (one filter), kept only as the reference the one-pass
 * rewrite is held to in property tests (issue 14). The pattern it builds is production's.
 */
import { isBelowExoMinimum } from '../../../../../../src-main/domain/eas/protocol-version';
import type { DeviceTimeline } from '../../../../../../src-main/domain/patterns/device-timeline';
import { oldProtocolPattern } from '../../../../../../src-main/domain/patterns/old-protocol';
import type { DevicePattern } from '../../../../../../src-main/domain/patterns/pattern';

export function detectOldProtocol(timeline: DeviceTimeline): DevicePattern[] {
  return oldProtocolPattern(timeline, timeline.entries.filter((e) => isBelowExoMinimum(e.protocolVersion)));
}
