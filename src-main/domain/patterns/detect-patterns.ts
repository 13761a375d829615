import { detectAccessPeriods } from './access-periods';
import type { DeviceTimeline } from './device-timeline';
import { detectHealthyCycles } from './health';
import type { DevicePattern } from './pattern';
import { detectProvisioning } from './provisioning';
import { detectOldProtocol } from './old-protocol';
import { detectRequestFailures } from './request-failures';
import { detectHierarchyLoop, detectSyncKeyProblems } from './sync-state';

/** Runs every pattern detector over one device's timeline. */
export function detectPatterns(timeline: DeviceTimeline): DevicePattern[] {
  return [
    ...detectAccessPeriods(timeline),
    ...detectOldProtocol(timeline),
    ...detectProvisioning(timeline),
    ...detectSyncKeyProblems(timeline),
    ...detectHierarchyLoop(timeline),
    ...detectRequestFailures(timeline),
    ...detectHealthyCycles(timeline),
  ];
}
