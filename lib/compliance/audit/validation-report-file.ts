/** The parts of cdk.out/validation-report.json the audit reads (written by aws-cdk-lib at synth). */
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
      `${path} is not valid JSON (${(e as Error).message}); delete the folder and run the audit again`,
    );
  }
  const r = ValidationReportSchema.safeParse(raw);
  if (!r.success)
    throw new Error(
      `${path} is not a CDK validation report: ${r.error.issues[0]?.message ?? 'unexpected shape'}`,
    );
  return r.data;
}
