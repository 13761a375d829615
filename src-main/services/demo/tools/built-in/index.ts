import type { BuiltInScenario } from './define';
import { easDisabled, healthy, quarantinedByDefault } from './scenarios-abq';

/** Every built-in scenario, in the order the start screen lists them. */
export const builtInScenarios: BuiltInScenario[] = [healthy, easDisabled, quarantinedByDefault];
