/**
 * The cdk-nag pack results cache (lib/compliance/packs/pack-result-cache.ts): a synth with the
 * AwsSolutions and NIST packs answered from the cache writes exactly the files of a synth without
 * it (templates, validation report, compliance ledger), cold and warm; a stack whose template
 * changed is evaluated again; a changed register changes the outcome without a single entry
 * being evaluated or written again; a corrupted entry is ignored. Without the ledger (as
 * `npx cdk synth` runs), each stack's whole report is stored and read back instead of walking the
 * stack (lib/compliance/packs/stack-report-replay.ts), with the same report.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { buildEstateApp, CDK_CLI_CONTEXT, synthesizeApp } from '../../lib/app';
import { applyCompliance, type PackResultCache, type StackEntry } from '../../lib/compliance';
import { emptyRegister, parseRegister, type ComplianceRegister } from '../../lib/compliance/register';
import { buildPlan, minimalPlanInput } from '../support/plan-builder';
import { cdkJsonContext, tempDir } from '../app/support/cdk-app';
import { buildEstateModel } from '../../lib/estate-model';

const NOW = new Date('2026-11-15T00:00:00Z');
const plan = buildPlan(minimalPlanInput());

/** An in-memory cache that counts reads that found an entry and writes. */
function countingCache(entries = new Map<string, string>()) {
  const counts = { hits: 0, misses: 0, puts: 0 };
  const cache: PackResultCache = {
    get: (k) => {
      const v = entries.get(k);
      if (v === undefined) counts.misses += 1;
      else counts.hits += 1;
      return v;
    },
    put: (k, v) => {
      counts.puts += 1;
      entries.set(k, v);
    },
  };
  return { cache, counts, entries };
}

/** Every file of a cloud assembly, by name. */
function assemblyFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    try {
      out[name] = readFileSync(join(dir, name), 'utf8');
    } catch {
      // a folder (assets)
    }
  }
  return out;
}

interface SynthOptions {
  readonly cache?: ReturnType<typeof countingCache>;
  readonly register?: ComplianceRegister;
  /**
   * Adds an unencrypted, unlogged bucket (AwsSolutions-S1 and others) to the first stack;
   * `override`: one with a raw override (the packs read L1 properties, so it is never cached).
   */
  readonly probe?: boolean | 'override';
  /** Record the ledger, as the audit does. @default true (false: as `npx cdk synth`) */
  readonly ledger?: boolean;
  /** Runs just before this synth (after the ones listed before it). */
  readonly before?: () => void;
}

/** The estate app as bin/app.ts builds it: stacks, then (the probe, then) the packs and register. */
function buildApp(options: SynthOptions, outdir: string) {
  const app = new App({ context: { ...cdkJsonContext(), ...CDK_CLI_CONTEXT }, outdir, autoSynth: false });
  buildEstateApp(app, plan);
  const stack = app.node.children.filter((c): c is Stack => Stack.isStack(c))[0]!;
  if (options.probe) {
    const probe = new s3.CfnBucket(stack, 'Probe');
    if (options.probe === 'override')
      probe.addPropertyOverride('Tags', [{ Key: 'probe', Value: 'override' }]);
  }
  applyCompliance(app, buildEstateModel(plan), options.register ?? emptyRegister(plan.estate.id), {
    now: NOW,
    ledger: options.ledger ?? true,
    ...(options.cache ? { packCache: options.cache.cache } : {}),
  });
  return { app, probeStackId: stack.node.id };
}

/** The probe's stack (the estate's first), for the register entry that acknowledges its finding. */
const probeStackId = buildApp({}, tempDir('n-pack-cache')).probeStackId;

interface SynthResult {
  readonly files: Record<string, string>;
  /** The cache's reads and writes during this synth. */
  readonly counts: { readonly hits: number; readonly misses: number; readonly puts: number };
}

/**
 * Synthesizes each case in turn, all from this one call site: the assembly records the stack
 * trace of each construct's creation, which names the line of the test that synthesized it.
 */
function synthAll(cases: readonly SynthOptions[]): SynthResult[] {
  return cases.map((options) => {
    options.before?.();
    if (options.cache) Object.assign(options.cache.counts, { hits: 0, misses: 0, puts: 0 });
    const outdir = tempDir('n-pack-cache');
    synthesizeApp(buildApp(options, outdir).app);
    return {
      files: assemblyFiles(outdir),
      counts: { ...(options.cache?.counts ?? { hits: 0, misses: 0, puts: 0 }) },
    };
  });
}

function templatesOf(files: Record<string, string>): string[] {
  return Object.keys(files).filter((n) => n.endsWith('.template.json'));
}

interface ReportedViolation {
  readonly ruleName: string;
  readonly violatingConstructs: readonly { readonly constructPath: string }[];
}

/** Every violation of every plugin in the assembly's validation report. */
function reportedViolations(files: Record<string, string>): ReportedViolation[] {
  const report = JSON.parse(files['validation-report.json']!) as {
    pluginReports: { violations: ReportedViolation[] }[];
  };
  return report.pluginReports.flatMap((p) => p.violations);
}

/** Rule names the packs reported (unsuppressed) for the probe bucket. */
function probeFindings(files: Record<string, string>): string[] {
  return reportedViolations(files)
    .filter((v) => v.violatingConstructs.some((c) => c.constructPath.endsWith('/Probe')))
    .map((v) => v.ruleName)
    .sort();
}

function ledgerStatuses(files: Record<string, string>, ruleId: string): string[] {
  const ledger = JSON.parse(files['compliance-ledger.json']!) as {
    findings: { constructPath: string; ruleId: string; status: string }[];
  };
  return ledger.findings
    .filter((f) => f.constructPath.endsWith('/Probe') && f.ruleId === ruleId)
    .map((f) => f.status);
}

const ACKNOWLEDGING = `estate: ${plan.estate.id}
owner: ICT Security
suppressions:
  - rule: AwsSolutions-S1
    scope: ${probeStackId}/Probe
    reason: Probe bucket of the pack cache test, accepted to show the register still applies
    acceptedBy: Jane Smith, Head of ICT Security
    approverRole: IAO
    reviewBy: '2027-03-31'
`;

describe('cached cdk-nag pack results', () => {
  const shared = countingCache();
  const corrupted = countingCache();
  const register = parseRegister('compliance-register.yaml', ACKNOWLEDGING);
  let uncached: SynthResult;
  let cold: SynthResult;
  let warm: SynthResult;
  let plainProbe: SynthResult;
  let warmProbe: SynthResult;
  let acknowledged: SynthResult;
  let plainAcknowledged: SynthResult;
  let afterCorruption: SynthResult;
  let planted: SynthResult;
  /** The rule and resource whose stored outcome was changed to non-compliant. */
  let plantedAt = { suffix: '', path: '' };
  const plantedCache = countingCache();
  const withoutLedger = countingCache();
  let plainNoLedger: SynthResult;
  let coldNoLedger: SynthResult;
  let warmNoLedger: SynthResult;
  let probeNoLedger: SynthResult;
  let plainProbeNoLedger: SynthResult;
  let acknowledgedNoLedger: SynthResult;
  let plainAcknowledgedNoLedger: SynthResult;
  let plantedReport: SynthResult;
  let damagedReports: SynthResult;
  /** Stored stack reports (replayed whole without the ledger) after the cold synth without it. */
  let reportKeys: string[] = [];
  const plantedReports = countingCache();
  const damaged = countingCache();
  const overridden = countingCache();
  let plainOverride: SynthResult;
  let coldOverride: SynthResult;
  let warmOverride: SynthResult;
  let stacks = 0;
  beforeAll(() => {
    /** A copy of the cold synth's entries with three of them damaged. */
    const corrupt = () => {
      const keys = [...shared.entries.keys()].slice(0, 2 * stacks);
      for (const k of keys) corrupted.entries.set(k, shared.entries.get(k)!);
      corrupted.entries.set(keys[0]!, '{"format":1,"resources":{"x":{"AwsSolutions-S1":42}}}');
      corrupted.entries.set(keys[1]!, 'not json');
      corrupted.entries.set(keys[2]!, shared.entries.get(keys[2]!)!.slice(0, 40));
    };
    /** A copy of the cold synth's entries where one passing rule is recorded as failing instead. */
    const plant = () => {
      const keys = [...shared.entries.keys()].slice(0, 2 * stacks);
      for (const k of keys) plantedCache.entries.set(k, shared.entries.get(k)!);
      for (const k of keys) {
        const entry = JSON.parse(plantedCache.entries.get(k)!) as StackEntry;
        for (const [path, outcomes] of Object.entries(entry.resources)) {
          const suffix = Object.keys(outcomes).find((r) => !r.includes('#') && outcomes[r] === 'Compliant');
          if (suffix === undefined) continue;
          plantedAt = { suffix, path };
          plantedCache.entries.set(
            k,
            JSON.stringify({
              ...entry,
              resources: { ...entry.resources, [path]: { ...outcomes, [suffix]: 'Non-Compliant' } },
            }),
          );
          return;
        }
      }
    };
    /** Keys of the stored stack reports (entries without a format: see stack-report-replay.ts). */
    const storedReports = () =>
      [...withoutLedger.entries.keys()].filter(
        (k) => !('format' in JSON.parse(withoutLedger.entries.get(k)!)),
      );
    /** A copy of the no-ledger entries where one stack's stored report has a finding no rule made. */
    const plantReport = () => {
      for (const [k, v] of withoutLedger.entries) plantedReports.entries.set(k, v);
      const violations = [
        {
          ruleName: 'AwsSolutions-Planted',
          description: 'planted in the stored report',
          severity: 'error',
          violatingResources: [{ constructPath: 'Planted/Resource', locations: ['Properties'] }],
        },
      ];
      plantedReports.entries.set(reportKeys[0]!, JSON.stringify({ violations }));
    };
    /** A copy of the no-ledger entries with two stored reports damaged. */
    const damage = () => {
      for (const [k, v] of withoutLedger.entries) damaged.entries.set(k, v);
      damaged.entries.set(reportKeys[0]!, 'not json');
      damaged.entries.set(reportKeys[1]!, '{"violations":[{"ruleName":1}]}');
    };
    const results = synthAll([
      {},
      { cache: shared },
      { cache: shared, before: () => (stacks = shared.entries.size / 2) },
      { probe: true },
      { cache: shared, probe: true },
      { cache: shared, probe: true, register },
      { probe: true, register },
      { cache: corrupted, before: corrupt },
      { cache: plantedCache, before: plant },
      { ledger: false },
      { ledger: false, cache: withoutLedger },
      { ledger: false, cache: withoutLedger, before: () => (reportKeys = storedReports()) },
      { ledger: false, cache: withoutLedger, probe: true },
      { ledger: false, probe: true },
      { ledger: false, cache: withoutLedger, probe: true, register },
      { ledger: false, probe: true, register },
      { ledger: false, cache: plantedReports, before: plantReport },
      { ledger: false, cache: damaged, before: damage },
      { ledger: false, probe: 'override' },
      { ledger: false, cache: overridden, probe: 'override' },
      { ledger: false, cache: overridden, probe: 'override' },
    ]);
    [
      uncached,
      cold,
      warm,
      plainProbe,
      warmProbe,
      acknowledged,
      plainAcknowledged,
      afterCorruption,
      planted,
      plainNoLedger,
      coldNoLedger,
      warmNoLedger,
      probeNoLedger,
      plainProbeNoLedger,
      acknowledgedNoLedger,
      plainAcknowledgedNoLedger,
      plantedReport,
      damagedReports,
      plainOverride,
      coldOverride,
      warmOverride,
    ] = results as [
      SynthResult,
      SynthResult,
      SynthResult,
      SynthResult,
      SynthResult,
      SynthResult,
      SynthResult,
      SynthResult,
      SynthResult,
      SynthResult,
      SynthResult,
      SynthResult,
      SynthResult,
      SynthResult,
      SynthResult,
      SynthResult,
      SynthResult,
      SynthResult,
      SynthResult,
      SynthResult,
      SynthResult,
    ];
  }, 900_000);

  test('cold and warm synths write the same templates, validation report and ledger as no cache', () => {
    expect(stacks).toBe(templatesOf(uncached.files).length);
    expect(stacks).toBeGreaterThanOrEqual(5);
    expect(Object.keys(uncached.files)).toEqual(
      expect.arrayContaining(['validation-report.json', 'compliance-ledger.json']),
    );
    // The packs find something in this estate, so the comparison is not of two empty reports.
    expect(uncached.files['validation-report.json']).toMatch(/AwsSolutions-/);
    expect(uncached.files['validation-report.json']).toMatch(/NIST\.800\.53\.R5-/);
    expect(cold.files).toEqual(uncached.files);
    expect(warm.files).toEqual(uncached.files);
  });

  test('the cold synth stores one entry per stack and pack; the warm synth reads them all and writes none', () => {
    expect(cold.counts).toEqual({ hits: 0, misses: 2 * stacks, puts: 2 * stacks });
    expect(warm.counts).toEqual({ hits: 2 * stacks, misses: 0, puts: 0 });
  });

  test('a finding introduced in one stack appears on the warm run: only that stack is evaluated again', () => {
    expect(probeFindings(warmProbe.files)).toEqual(
      expect.arrayContaining(['AwsSolutions-S1', 'NIST.800.53.R5-S3BucketLoggingEnabled']),
    );
    expect(warmProbe.files).toEqual(plainProbe.files);
    expect(warmProbe.counts).toEqual({ hits: 2 * (stacks - 1), misses: 2, puts: 2 });
  });

  test('a register acknowledging it changes the outcome, answered from the cache without writing an entry', () => {
    expect(acknowledged.counts).toEqual({ hits: 2 * stacks, misses: 0, puts: 0 });
    expect(probeFindings(warmProbe.files)).toContain('AwsSolutions-S1');
    expect(probeFindings(acknowledged.files)).not.toContain('AwsSolutions-S1');
    expect(probeFindings(acknowledged.files)).toContain('NIST.800.53.R5-S3BucketLoggingEnabled');
    expect(ledgerStatuses(warmProbe.files, 'AwsSolutions-S1')).toEqual(['fail']);
    expect(ledgerStatuses(acknowledged.files, 'AwsSolutions-S1')).toEqual(['suppressed']);
    // Exactly what a synth without the cache gives with the same register.
    expect(acknowledged.files).toEqual(plainAcknowledged.files);
  });

  test('corrupted entries are ignored: evaluated and written again, with the same result', () => {
    // Every entry was found; the three damaged ones were evaluated afresh and written over.
    expect(afterCorruption.counts).toEqual({ hits: 2 * stacks, misses: 0, puts: 3 });
    expect(afterCorruption.files).toEqual(uncached.files);
    expect(JSON.parse(corrupted.entries.get([...corrupted.entries.keys()][1]!)!)).toHaveProperty('format', 1);
  });

  test('a warm synth takes each outcome from the cache, not from evaluating the rule again', () => {
    expect(plantedAt.suffix).not.toBe('');
    const found = reportedViolations(planted.files)
      .filter((v) => v.ruleName.endsWith(`-${plantedAt.suffix}`))
      .flatMap((v) => v.violatingConstructs.map((c) => c.constructPath));
    expect(found).toContain(plantedAt.path);
    expect(uncached.files['validation-report.json']).not.toEqual(planted.files['validation-report.json']);
    expect(planted.counts).toEqual({ hits: 2 * stacks, misses: 0, puts: 0 });
  });

  test('without the ledger (as `npx cdk synth` runs) the report is the same too, cold and warm', () => {
    expect(Object.keys(plainNoLedger.files)).not.toContain('compliance-ledger.json');
    expect(plainNoLedger.files['validation-report.json']).toMatch(/AwsSolutions-/);
    expect(coldNoLedger.files).toEqual(plainNoLedger.files);
    expect(warmNoLedger.files).toEqual(plainNoLedger.files);
    expect(warmNoLedger.counts).toEqual({ hits: 2 * stacks, misses: 0, puts: 0 });
  });

  test("without the ledger, the cold synth also stores each stack's whole report, and the warm synth reads only those", () => {
    // An outcome entry and a report per stack and pack (no stack of this estate has raw overrides).
    expect(coldNoLedger.counts).toEqual({ hits: 0, misses: 4 * stacks, puts: 4 * stacks });
    expect(reportKeys).toHaveLength(2 * stacks);
    expect(warmNoLedger.counts).toEqual({ hits: 2 * stacks, misses: 0, puts: 0 });
  });

  test('without the ledger, a changed stack is walked again and the rest read back: the same report as no cache', () => {
    expect(probeFindings(probeNoLedger.files)).toEqual(
      expect.arrayContaining(['AwsSolutions-S1', 'NIST.800.53.R5-S3BucketLoggingEnabled']),
    );
    expect(probeNoLedger.files).toEqual(plainProbeNoLedger.files);
    // Reports of the other stacks: hits; the probe's stack: its report and outcomes missed, both stored.
    expect(probeNoLedger.counts).toEqual({ hits: 2 * (stacks - 1), misses: 4, puts: 4 });
  });

  test('without the ledger, a new acknowledgement makes its stack walked again (outcomes from the cache)', () => {
    expect(probeFindings(acknowledgedNoLedger.files)).not.toContain('AwsSolutions-S1');
    expect(probeFindings(acknowledgedNoLedger.files)).toContain('NIST.800.53.R5-S3BucketLoggingEnabled');
    expect(acknowledgedNoLedger.files).toEqual(plainAcknowledgedNoLedger.files);
    // The probe stack's two reports missed (new acknowledgement), its outcomes hit; the reports stored.
    expect(acknowledgedNoLedger.counts).toEqual({ hits: 2 * (stacks - 1) + 2, misses: 2, puts: 2 });
  });

  test('a stored stack report is what the warm synth reports, not a walk of the stack', () => {
    expect(reportedViolations(plantedReport.files).map((v) => v.ruleName)).toContain('AwsSolutions-Planted');
    expect(plainNoLedger.files['validation-report.json']).not.toMatch(/Planted/);
    expect(plantedReport.counts).toEqual({ hits: 2 * stacks, misses: 0, puts: 0 });
  });

  test('damaged stack reports are ignored: walked again (outcomes from the cache) and stored again', () => {
    expect(damagedReports.files).toEqual(plainNoLedger.files);
    expect(damagedReports.counts).toEqual({ hits: 2 * stacks + 2, misses: 0, puts: 2 });
  });

  test('a stack holding a resource with raw overrides is walked on every synth, its other outcomes from the cache', () => {
    expect(probeFindings(plainOverride.files)).toContain('AwsSolutions-S1');
    expect(coldOverride.files).toEqual(plainOverride.files);
    expect(warmOverride.files).toEqual(plainOverride.files);
    // Cold: no report stored for the probe's stack (two fewer puts than reports and outcomes of every stack).
    expect(coldOverride.counts).toEqual({ hits: 0, misses: 4 * stacks - 2, puts: 4 * stacks - 2 });
    // Warm: the other stacks' reports, and the probe stack's outcomes (its bucket evaluated live).
    expect(warmOverride.counts).toEqual({ hits: 2 * stacks, misses: 0, puts: 0 });
  });
});
