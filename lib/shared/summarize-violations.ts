/**
 * Warnings of a policy validation plugin summarized for the CDK CLI, which prints one block per
 * violating resource (`cdk synth` at 1,000 servers: 950 blocks for one exit-readiness rule). A
 * warning over more than one resource keeps one violating resource, the first, and its
 * description gains the count and the first few construct paths. Only warnings are summarized:
 * an error needs its own decision. Pure: the caller decides when (plain synth, not `verbose`, not the
 * audit, whose ledger records every result).
 */
import type { PolicyValidationPluginReport, PolicyViolation } from 'aws-cdk-lib';

/** Construct paths named in a summarized warning before "and N more". */
export const SUMMARY_PATHS = 3;

/** What the summary line tells the reader to do for the full list. */
export const FULL_LIST_HINT = '-c verbose=true prints every one; npm run audit records each';

function summarized(v: PolicyViolation, shown: number): PolicyViolation {
  const resources = v.violatingResources;
  if (v.severity !== 'warning' || resources.length <= 1) return v; // errors (and fatal, info) as they are
  const paths = resources.map(
    (r) => r.constructPath ?? `${r.templatePath ?? ''}#${r.resourceLogicalId ?? ''}`,
  );
  const more = paths.length - shown;
  return {
    ...v,
    description:
      `${v.description} [${resources.length} resources, first: ${paths.slice(0, shown).join(', ')}` +
      `${more > 0 ? ` and ${more} more` : ''}; ${FULL_LIST_HINT}]`,
    violatingResources: [resources[0]!],
  };
}

/** The report with each warning over many resources reduced to one, described with the count. */
export function summarizeWarningViolations(
  report: PolicyValidationPluginReport,
  shown = SUMMARY_PATHS,
): PolicyValidationPluginReport {
  return { ...report, violations: report.violations.map((v) => summarized(v, shown)) };
}
