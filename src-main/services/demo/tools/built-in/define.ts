import type { ScenarioInput } from '../../scenario/scenario-schema';
import { baseTenant } from './base-tenant';
import type { EasConversation } from '../../mailbox-log/eas-conversation';
import { writeMailboxLog } from '../../mailbox-log/mailbox-log-writer';

/** A built-in scenario as generated: its scenario.json and the log files next to it. */
export interface BuiltInScenario {
  scenario: ScenarioInput;
  logs: Record<string, string>;
}

type Story = Pick<ScenarioInput, 'id' | 'title' | 'story' | 'details' | 'expected'>;
export type Tenant = ReturnType<typeof baseTenant>;

/** Starts from the base tenant, lets the story change it, and renders the conversations as logs. */
export function defineScenario(
  story: Story,
  change: (tenant: Tenant, logs: Record<string, EasConversation>) => void,
): BuiltInScenario {
  const tenant = baseTenant();
  const conversations: Record<string, EasConversation> = {};
  change(tenant, conversations);
  const logs = Object.fromEntries(
    Object.entries(conversations).map(([file, c]) => [file, writeMailboxLog(c.device, c.entries)]),
  );
  return { scenario: { $schema: '../scenario.schema.json', ...story, ...tenant }, logs };
}
