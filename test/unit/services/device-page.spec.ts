import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isMobileDevicePage, readMobileDevicePage } from '../../../src-main/services/devices/device-page';
import { mobileDeviceSchema } from '../../../src-main/shared/models/exchange';

const KEYS = Object.keys(mobileDeviceSchema.shape);
const anyValue = fc.oneof(fc.string({ maxLength: 4 }), fc.boolean(), fc.integer(), fc.constant(null), fc.constant(undefined), fc.constant({}), fc.constant([]));
/** Objects shaped like devices: each schema key maybe present with a value of any JSON type, plus extra keys. */
const deviceLike = fc.record(Object.fromEntries([...KEYS, 'Extra', 'Other'].map((k) => [k, anyValue])), { requiredKeys: [] });
const wellTyped = fc.record({
  Identity: fc.string(),
  DeviceId: fc.option(fc.string(), { nil: null }),
  IsManaged: fc.option(fc.boolean(), { nil: undefined }),
  DeviceAccessState: fc.constantFrom('Allowed', 'Quarantined', null),
  Extra: anyValue,
});

describe('readMobileDevicePage: the compiled check gives zod’s answer', () => {
  it('accepts exactly the pages mobileDeviceSchema accepts (random shapes and types)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(deviceLike, wellTyped, wellTyped, anyValue), { maxLength: 4 }), (page) => {
        expect(isMobileDevicePage(page)).toBe(z.array(mobileDeviceSchema).safeParse(page).success);
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps every property of an accepted device (loose, like the schema) and raises zod’s error on a bad page', () => {
    const device = { Identity: 'alex\\ExchangeActiveSyncDevices\\iPhone§ABC', DeviceId: 'ABC', IsManaged: null, Unlisted: 42 };
    expect(readMobileDevicePage([device])).toEqual(z.array(mobileDeviceSchema).parse([device]));
    expect(() => readMobileDevicePage([{ ...device, DeviceId: 7 }])).toThrow(z.ZodError);
    expect(() => readMobileDevicePage([{ DeviceId: 'ABC' }])).toThrow(/Identity/);
    expect(() => readMobileDevicePage({ 0: device })).toThrow(z.ZodError);
    expect(() => readMobileDevicePage([null])).toThrow(z.ZodError);
  });
});
