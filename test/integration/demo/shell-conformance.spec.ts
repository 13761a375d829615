import { defineProtocolConformanceSuite, defineWindowedPagingSuite } from '../protocol/conformance';
import { demoConnectParams, demoShellLaunch } from './demo-shell-launch';

// The same suite the real PowerShell host passes, against the demo tenant's simulated shell.
defineProtocolConformanceSuite(
  'demo tenant simulated shell (healthy-iphone)',
  () => demoShellLaunch('healthy-iphone'),
  {
    connectParams: await demoConnectParams('healthy-iphone'),
    mailboxWithDevice: 'alex.wilber@contoso.example',
    // Every partnership in the tenant: the healthy tenant has few, so the large one is not needed.
    pagedListing: { ResultSize: 'Unlimited' },
  },
);

// Paging with a window needs three or more devices: the tenant with one user at the partnership limit.
defineWindowedPagingSuite('demo tenant simulated shell (partnership-limit-177)', () => demoShellLaunch('partnership-limit-177'), {
  connectParams: await demoConnectParams('partnership-limit-177'),
  listing: { ResultSize: 'Unlimited' },
});
