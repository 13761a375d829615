import { Button } from '@fluentui/react-components';
import { ChatRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { NextStep } from '../../../src-main/shared/models/finding';
import { userLinesOf, userMessageText } from '../../logic/user-message';
import { CopyableText } from '../common/CopyableText';

/**
 * The message to send the user for a finding whose next steps they carry out (the catalog's data),
 * behind a button so the summary stays short; copyable once shown.
 */
export function UserMessage({ nextSteps, position }: { nextSteps: readonly NextStep[]; position: number }) {
  const [open, setOpen] = useState(false);
  const lines = userLinesOf(nextSteps);
  if (lines.length === 0) return null;
  const id = `finding-${position}-message`;
  return (
    <div data-testid="user-message">
      <Button size="small" icon={<ChatRegular />} aria-expanded={open} aria-controls={open ? id : undefined} onClick={() => setOpen(!open)}>
        {open ? 'Hide the message for the user' : 'Message for the user'}
      </Button>
      {open && (
        <div id={id}>
          <CopyableText label="Message for the user (copy it into your reply)" text={userMessageText(lines)} rows={4} copyLabel="Copy the message" />
        </div>
      )}
    </div>
  );
}
