import { defineProtocolConformanceSuite, defineWindowedPagingSuite } from '../protocol/conformance';
import { realHostLaunchSpec } from './real-host';

defineProtocolConformanceSuite('real PowerShell host (EasHost.ps1, stub ExchangeOnlineManagement)', () =>
  realHostLaunchSpec(),
);

defineWindowedPagingSuite('real PowerShell host (EasHost.ps1, stub ExchangeOnlineManagement)', () => realHostLaunchSpec());
