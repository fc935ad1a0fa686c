/** Stacks, largest stack and largest template of a cloud assembly folder, for the benchmark. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface AssemblyFigures {
  readonly stacks: number;
  readonly largestStack: string;
  readonly largestStackResources: number;
  readonly largestTemplateKiB: number;
  /** Unsuppressed errors and warnings in validation-report.json (packs and template validation). */
  readonly findings: { readonly errors: number; readonly warnings: number };
}

type Report = {
  pluginReports?: { violations?: { severity?: string; violatingConstructs?: unknown[] }[] }[];
};

export function assemblyFigures(outdir: string): AssemblyFigures {
  const templates = existsSync(outdir) ? readdirSync(outdir).filter((f) => f.endsWith('.template.json')) : [];
  let largestStack = '';
  let largestStackResources = 0;
  let largestTemplateBytes = 0;
  for (const file of templates) {
    const path = join(outdir, file);
    const resources = Object.keys(
      (JSON.parse(readFileSync(path, 'utf8')) as { Resources?: object }).Resources ?? {},
    ).length;
    if (resources > largestStackResources) {
      largestStackResources = resources;
      largestStack = file.replace(/\.template\.json$/, '');
    }
    largestTemplateBytes = Math.max(largestTemplateBytes, statSync(path).size);
  }
  const findings = { errors: 0, warnings: 0 };
  const reportPath = join(outdir, 'validation-report.json');
  if (existsSync(reportPath)) {
    const report = JSON.parse(readFileSync(reportPath, 'utf8')) as Report;
    for (const p of report.pluginReports ?? [])
      for (const v of p.violations ?? []) {
        const n = Math.max(1, v.violatingConstructs?.length ?? 0);
        if ((v.severity ?? 'error').toLowerCase() === 'error') findings.errors += n;
        else findings.warnings += n;
      }
  }
  return {
    stacks: templates.length,
    largestStack,
    largestStackResources,
    largestTemplateKiB: Math.round(largestTemplateBytes / 1024),
    findings,
  };
}
