/**
 * The one reader of `validation-report.json` in a cloud assembly: the findings of aws-cdk-lib's
 * template validation and of every registered policy plugin (cdk-nag packs), written at synth.
 * Pure: takes the file's text. The synth step and the audit both read it through here.
 */
import { z } from 'zod';

const ConstructSchema = z.object({ constructPath: z.string().default('') }).loose();

const ViolationSchema = z
  .object({
    ruleName: z.string(),
    description: z.string().default(''),
    severity: z.string().default('error'),
    customSeverity: z.string().optional(),
    violatingConstructs: z.array(ConstructSchema).default([]),
  })
  .loose();

const SuppressedSchema = ViolationSchema.extend({
  acknowledgedId: z.string().optional(),
  reason: z.string().optional(),
  acknowledgedAt: z.string().optional(),
});

export const ValidationReportSchema = z
  .object({
    pluginReports: z
      .array(
        z
          .object({
            pluginName: z.string(),
            pluginVersion: z.string().optional(),
            conclusion: z.string().optional(),
            metadata: z.record(z.string(), z.unknown()).optional(),
            violations: z.array(ViolationSchema).default([]),
            suppressedViolations: z.array(SuppressedSchema).optional(),
          })
          .loose(),
      )
      .default([]),
  })
  .loose();

export type ValidationReportFile = z.output<typeof ValidationReportSchema>;

/** Parses the report text; throws a plain-language error when it is not a validation report. */
export function parseValidationReport(text: string, path: string): ValidationReportFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(
      `${path} is not valid JSON (${(e as Error).message}); delete the cloud assembly folder and synthesize again`,
    );
  }
  const r = ValidationReportSchema.safeParse(raw);
  if (!r.success)
    throw new Error(
      `${path} is not a CDK validation report: ${r.error.issues[0]?.message ?? 'unexpected shape'}`,
    );
  return r.data;
}

export interface ValidationFinding {
  readonly plugin: string;
  readonly rule: string;
  readonly severity: string;
  readonly description: string;
  readonly constructPaths: readonly string[];
}

export interface ValidationFindings {
  readonly errors: readonly ValidationFinding[];
  readonly warnings: readonly ValidationFinding[];
}

/** Splits the report's (unsuppressed) violations into errors and everything else (warnings, info). */
export function validationFindings(report: ValidationReportFile): ValidationFindings {
  const errors: ValidationFinding[] = [];
  const warnings: ValidationFinding[] = [];
  for (const plugin of report.pluginReports) {
    for (const v of plugin.violations) {
      const finding: ValidationFinding = {
        plugin: plugin.pluginName,
        rule: v.ruleName,
        severity: v.severity,
        description: v.description,
        constructPaths: v.violatingConstructs.map((c) => c.constructPath),
      };
      (v.severity.toLowerCase() === 'error' ? errors : warnings).push(finding);
    }
  }
  return { errors, warnings };
}

/** Parses the report text and splits its findings (see `parseValidationReport`, `validationFindings`). */
export function readValidationReport(text: string, path = 'validation-report.json'): ValidationFindings {
  return validationFindings(parseValidationReport(text, path));
}

/** One line per finding: `ERROR [plugin] rule: description (n constructs, first: path)`. */
export function formatFindings(findings: readonly ValidationFinding[]): string[] {
  return findings.map((f) => {
    const where =
      f.constructPaths.length > 0
        ? ` (${f.constructPaths.length} construct(s), first: ${f.constructPaths[0]})`
        : '';
    return `${f.severity.toUpperCase()} [${f.plugin}] ${f.rule}: ${f.description}${where}`;
  });
}
