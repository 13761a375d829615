import { defineProtocolConformanceSuite } from '../protocol/conformance';
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
