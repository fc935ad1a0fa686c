/**
 * One synth of the estate in this process, exactly as `npx cdk synth` runs it: the same context
 * the CDK CLI hands its app (cdk.json's context plus the CLI's own metadata switches), aws-cdk-lib's
 * template validation, the compliance packs and the register. Templates land in `outdir` (cdk.out),
 * so `cdk deploy` users get what was checked; test/app/cdk-synth.test.ts proves the
 * templates are byte-identical to the CLI's.
 */
import { buildEstateModel } from '../estate-model';
import {
  App,
  Stack,
  Validations,
  type CloudFormationValidatePlugin,
  type IPolicyValidationPlugin,
} from 'aws-cdk-lib';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import {
  applyCompliance,
  type ComplianceLedger,
  type ComplianceOptions,
  type ComplianceRegister,
  type LedgerFinding,
} from '../compliance';
import type { Plan } from '../plan/plan';
import { buildEstateApp } from './estate-app';
import { CachedTemplateValidation } from './estate-synth-validation';

/**
 * Context every estate app is built with, whoever runs it (`npx cdk synth`, the main job, the
 * audit, the tests, the bench), under the caller's: no construct creation stack traces
 * (aws-cdk-lib records one for every CloudFormation element and stack: about 2 CPU s of a
 * 1,000-server synth; templates are the same without them; `CDK_DEBUG=true` records them again).
 * Set here rather than in cdk.json, where the CDK CLI warns on every command about any context key
 * starting with `aws:` ("A reserved context key ... should be removed").
 */
export const ESTATE_APP_CONTEXT: Readonly<Record<string, unknown>> = {
  'aws:cdk:disable-creation-stack-traces': true,
};

/**
 * Context the CDK CLI (2.1148) adds for its app besides cdk.json's (toolkit-lib
 * `contextFromSettings` with this project's settings): path and asset metadata on, version
 * reporting off (cdk.json `"versionReporting": false`: the CDKMetadata resource would record the
 * Node.js version and the validation plugins of each synth, so templates would differ between
 * machines and between `cdk synth` and the main job), bundling of every stack, and validation
 * reporting left to the caller (the CLI reads validation-report.json).
 */
export const CDK_CLI_CONTEXT: Readonly<Record<string, unknown>> = {
  'aws:cdk:enable-path-metadata': true,
  'aws:cdk:enable-asset-metadata': true,
  'aws:cdk:disable-version-reporting': true,
  'aws:cdk:bundling-stacks': ['**'],
  '@aws-cdk/core:failSynthOnValidationErrors': false,
};

/** Name of the validation report aws-cdk-lib writes into the cloud assembly. */
export const VALIDATION_REPORT_FILE = 'validation-report.json';

export interface EstateAppProps {
  readonly plan: Plan;
  /** Context from cdk.json (and any `-c` values), as the CLI would pass it. */
  readonly context: Readonly<Record<string, unknown>>;
  /** Cloud assembly folder (`cdk.out`). */
  readonly outdir: string;
  /**
   * The compliance packs and register, as bin/app.ts applies them. `ledger` records every rule
   * result for the audit. Leave out for a bare synth (benchmarks only).
   * @default - no packs
   */
  readonly compliance?: {
    readonly register: ComplianceRegister;
    /** Today, for the register's review dates. */
    readonly now: Date;
    /** @default false */
    readonly ledger?: boolean;
    /** Also run the Control Tower proactive controls (cfn-guard) in the synth. @default false */
    readonly controlTower?: boolean;
    /** Cache and runner for the Control Tower controls. @default - none: each template in turn */
    readonly controlTowerCheck?: ComplianceOptions['controlTowerCheck'];
    /** Where the stock cdk-nag packs' outcomes are remembered per stack. @default - none: every stack evaluated */
    readonly packCache?: ComplianceOptions['packCache'];
  };
  /**
   * aws-cdk-lib's CloudFormation schema validation (errors fail the job when cdk.json sets
   * `@aws-cdk/core:validateAgainstDefaultRules`). @default true
   */
  readonly templateValidation?: boolean;
  /**
   * The template validation to run instead of aws-cdk-lib's default instance (the same engine),
   * e.g. a CachedTemplateValidation that validates only templates it has not seen. Registered
   * after the packs, where aws-cdk-lib puts its own, so validation-report.json is unchanged.
   * @default - aws-cdk-lib's own validator
   */
  readonly templateValidator?: CloudFormationValidatePlugin;
  /**
   * Write `tree.json` (the construct tree, for tools that browse a cloud assembly). The audit's
   * assembly is its own working folder and nothing reads its tree: at 1,000 servers leaving it out
   * saves about 1.4 CPU s. @default true
   */
  readonly treeMetadata?: boolean;
}

/** An estate app built once, ready to be synthesized once. */
export interface BuiltEstateApp {
  readonly app: App;
  readonly stackCount: number;
  readonly plugins: readonly IPolicyValidationPlugin[];
  /** Every rule result of the packs, filled during synth (when asked for). */
  readonly ledger?: ComplianceLedger;
}

/** Builds the construct tree (and registers the packs); nothing is synthesized yet. */
export function buildEstateAppForSynth(props: EstateAppProps): BuiltEstateApp {
  const validator = (props.templateValidation ?? true) ? props.templateValidator : undefined;
  const app = new App({
    context: { ...ESTATE_APP_CONTEXT, ...props.context, ...CDK_CLI_CONTEXT },
    outdir: props.outdir,
    autoSynth: false,
    builtinCloudFormationValidation: props.templateValidation ?? true,
    treeMetadata: props.treeMetadata ?? true,
    // A cached validation is told as each template is written (a few changed ones are validated while the packs run).
    ...(validator instanceof CachedTemplateValidation
      ? { defaultStackSynthesizer: validator.stackSynthesizer() }
      : {}),
  });
  buildEstateApp(app, props.plan);
  const stackCount = app.node.children.filter((c) => Stack.isStack(c)).length;
  if (!props.compliance) {
    if (validator) Validations.of(app).addPlugins(validator);
    return { app, stackCount, plugins: [] };
  }
  const { register, now } = props.compliance;
  const { plugins, ledger } = applyCompliance(app, buildEstateModel(props.plan), register, {
    now,
    ledger: props.compliance.ledger ?? false,
    controlTower: props.compliance.controlTower ?? false,
    ...(props.compliance.controlTowerCheck ? { controlTowerCheck: props.compliance.controlTowerCheck } : {}),
    ...(props.compliance.packCache ? { packCache: props.compliance.packCache } : {}),
  });
  if (validator) Validations.of(app).addPlugins(validator);
  return { app, stackCount, plugins, ...(ledger ? { ledger } : {}) };
}

/** Findings of the packs recorded during `assembly`'s synth. */
export function ledgerFindings(built: BuiltEstateApp): readonly LedgerFinding[] {
  return built.ledger?.toFindings() ?? [];
}

/** Synthesizes a built app (the one place the main job synthesizes; the job passes it in to count). */
export function synthesizeApp(app: App): CloudAssembly {
  return app.synth();
}
