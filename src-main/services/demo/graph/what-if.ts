import { z } from 'zod';
import type { Scenario } from '../scenario/scenario-schema';

/** The evaluate body in use since March 2025 (eas-reference.md §6.4); the older body is refused. */
export const evaluateBodySchema = z.object({
  signInIdentity: z.looseObject({
    '@odata.type': z.literal('#microsoft.graph.userSignIn'),
    userId: z.string().min(1),
  }),
  signInContext: z.looseObject({
    '@odata.type': z.literal('#microsoft.graph.applicationContext'),
    includeApplications: z.array(z.string()).min(1),
  }),
  signInConditions: z
    .looseObject({
      clientAppType: z.string().optional(),
      devicePlatform: z.string().optional(),
      ipAddress: z.string().optional(),
      country: z.string().optional(),
    })
    .default({}),
  appliedPoliciesOnly: z.boolean().optional(),
});
export type EvaluateBody = z.infer<typeof evaluateBodySchema>;

/**
 * Answers What-If from the scenario's recorded results: the first result whose `when` matches the
 * request (user, client-app type, platform, IP address, country). Only enabled and report-only policies are evaluated, as in Entra. With no recording
 * the simulator does not guess: every evaluated policy comes back as not applying with reason
 * `notEnoughInformation`.
 */
export function evaluateWhatIf(scenario: Scenario, body: EvaluateBody): Record<string, unknown>[] {
  const conditions = body.signInConditions;
  const lower = (v: string | undefined) => v?.toLowerCase();
  const recorded = scenario.entra.whatIf.results.find(
    (r) =>
      (r.when.userId === undefined || lower(r.when.userId) === lower(body.signInIdentity.userId)) &&
      (r.when.clientAppType === undefined ||
        lower(r.when.clientAppType) === lower(conditions.clientAppType)) &&
      (r.when.devicePlatform === undefined ||
        lower(r.when.devicePlatform) === lower(conditions.devicePlatform)) &&
      (r.when.ipAddress === undefined || r.when.ipAddress === conditions.ipAddress) &&
      (r.when.country === undefined || lower(r.when.country) === lower(conditions.country)),
  );
  const evaluated = scenario.entra.conditionalAccessPolicies.filter((p) => p.state !== 'disabled');
  const results = evaluated.map((policy) => {
    const answer = recorded?.policies.find((p) => p.policyId === policy.id);
    return {
      ...policy,
      policyApplies: answer?.policyApplies ?? false,
      analysisReasons: answer?.analysisReasons ?? 'notEnoughInformation',
    };
  });
  return body.appliedPoliciesOnly ? results.filter((r) => r.policyApplies) : results;
}
