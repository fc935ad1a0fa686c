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

/** One line per kind of finding: `ERROR [plugin] rule: description (n construct(s), first: a, b, c and m more)`. */
export function formatFindings(findings: readonly ValidationFinding[], verbose = false): string[] {
  // The same rule and description over many constructs (one violation each, as packs report
  // them) prints once with the count and the first few paths; `verbose` keeps one line each.
  const groups = new Map<string, { finding: ValidationFinding; paths: string[] }>();
  findings.forEach((f, i) => {
    const key = verbose ? String(i) : [f.severity, f.plugin, f.rule, f.description].join('\u0000');
    const g = groups.get(key);
    if (g) g.paths.push(...f.constructPaths);
    else groups.set(key, { finding: f, paths: [...f.constructPaths] });
  });
  return [...groups.values()].map(({ finding: f, paths }) => {
    const shown = paths.slice(0, FIRST_PATHS);
    const more = paths.length - shown.length;
    const where =
      paths.length === 0
        ? ''
        : ` (${paths.length} construct(s), first: ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''})`;
    return `${f.severity.toUpperCase()} [${f.plugin}] ${f.rule}: ${f.description}${where}`;
  });
}

/** Construct paths named for a finding before "and N more". */
const FIRST_PATHS = 3;
