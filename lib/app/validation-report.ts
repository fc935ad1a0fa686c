/**
 * Reads `validation-report.json` from a cloud assembly: the findings of aws-cdk-lib's template
 * validation and of any registered policy plugins (cdk-nag packs). Pure: takes the file's text.
 */
import { z } from 'zod';

const ReportSchema = z.object({
  pluginReports: z
    .array(
      z.object({
        pluginName: z.string(),
        violations: z
          .array(
            z.object({
              ruleName: z.string(),
              description: z.string().default(''),
              severity: z.string().default('error'),
              violatingConstructs: z.array(z.object({ constructPath: z.string() }).loose()).default([]),
            }),
          )
          .default([]),
      }),
    )
    .default([]),
});

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

/** Splits the report's violations into errors and everything else (warnings, info). */
export function readValidationReport(text: string): ValidationFindings {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(`validation-report.json is not valid JSON (${(e as Error).message})`);
  }
  const report = ReportSchema.parse(raw);
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
