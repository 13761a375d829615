/** Exchange compares device ids, access states and reasons without regard to case. */
export const sameName = (a: string | null | undefined, b: string): boolean => (a ?? '').toLowerCase() === b.toLowerCase();

/** True when an allowed or blocked list holds the device id (any case). */
export const listHolds = (list: readonly string[] | undefined, deviceId: string): boolean => (list ?? []).some((entry) => sameName(entry, deviceId));
