import { join } from 'node:path';
import { Validations, type App, type IPolicyValidationPlugin } from 'aws-cdk-lib';
import { AwsSolutionsChecks, NIST80053R5Checks } from 'cdk-nag';
import type { PlanProblem } from '../plan/errors';
import type { EstateModel } from '../estate-model/estate-model';
import { estateMismatch, REGISTER_FILE } from './check-register';
import {
  CachedControlTowerValidator,
  controlTowerControlNames,
  unknownControls,
  type ControlTowerCache,
  type ControlTowerRunner,
} from './control-tower';
import { ComplianceLedger, ComplianceLedgerPlugin, recordedRule } from './ledger';
import {
  AuditedAwsSolutionsChecks,
  AuditedNist80053R5Checks,
  CachedAwsSolutionsChecks,
  CachedNist80053R5Checks,
  type PackResultCache,
} from './packs';
import {
  applyRegister,
  combineRegisters,
  expiredEntries,
  loadProductRegister,
  IsoDateSchema,
  ReasonSchema,
  reviewWarnings,
  loadDefaultRegister,
  loadRegister,
  RegisterError,
  type AppliedSuppression,
  type ComplianceRegister,
} from './register';
import { UkPublicSectorChecks } from './uk-public-sector';
import { EXIT_PACK_NAME, ExitReadinessChecks } from '../exit/readiness';
import { DeployLimitChecks } from './deploy-limits';

/**
 * Context key that turns on the audit-only parts: `true` runs the cfn-guard Control Tower
 * controls and writes the ledger; `ledger-only` writes the ledger without cfn-guard.
 */
export const AUDIT_CONTEXT_KEY = 'estate:audit';
/** Context key naming the compliance register file. @default <plan>/compliance-register.yaml */
export const REGISTER_CONTEXT_KEY = 'estate:register';
/**
 * Context key giving the day (`YYYY-MM-DD`) the register's review dates are checked against.
 * Tests and the audit pass it so that no result depends on the machine's clock.
 * @default today, from the clock bin/app.ts passes in
 */
export const TODAY_CONTEXT_KEY = 'estate:today';
/**
 * Context key with a written reason to synthesize although register entries have expired
 * (break glass). The audit report shows the reason, and `npm run audit` still fails.
 */
export const BREAK_GLASS_CONTEXT_KEY = 'estate:break-glass';
const AUDIT_TOLERATES_EXPIRED = 'audit run: expired entries are listed by the audit, which fails on them';

export interface ComplianceOptions {
  /** Today, for the register's review dates (passed in: lib/ does not read the clock). */
  readonly now: Date;
  /**
   * Reason to synthesize with expired register entries (they still apply; the audit fails on them).
   * @default - an expired entry fails synth
   */
  readonly breakGlass?: string;
  /**
   * Run the Control Tower proactive controls through cfn-guard (slow: the audit turns it on).
   * @default false
   */
  readonly controlTower?: boolean;
  /**
   * Write every rule result to `compliance-ledger.json` in the cloud assembly, for the audit report.
   * @default false
   */
  readonly ledger?: boolean;
  /** Longer explanations in findings. @default false */
  readonly verbose?: boolean;
  /**
   * The exit-readiness pack reports each of its warnings once, with the count and the first few
   * construct paths, instead of once per resource (what plain `cdk synth` prints; see
   * docs/auditors.md). Ignored when `ledger` is on: the audit lists every result.
   * @default false
   */
  readonly summarizeWarnings?: boolean;
  /**
   * Acceptances that follow from the tool's design, applied to every estate.
   * @default lib/compliance/product-register.yaml
   */
  readonly productRegister?: ComplianceRegister;
  /**
   * Where the Control Tower results are remembered by template hash, and how changed templates
   * are checked (e.g. in parallel). @default - no cache, one template after another
   */
  readonly controlTowerCheck?: {
    readonly cache?: ControlTowerCache;
    readonly runner?: ControlTowerRunner;
    /** Told how many templates are checked afresh, before a long check starts. @default - silent */
    readonly progress?: (line: string) => void;
  };
  /**
   * Where the AwsSolutions and NIST 800-53 rev 5 packs' raw rule outcomes are remembered per stack
   * (by template hash, see PackResultRun), so that an unchanged stack is not evaluated again. The
   * register is applied on every run either way. The project's own packs (UK public sector, exit
   * readiness, deploy limits) are not cached: the first two read the estate model and an index of the
   * whole app, not one stack's template. @default - no cache
   */
  readonly packCache?: PackResultCache;
}

/** What `applyCompliance` set up. */
export interface ComplianceSetup {
  readonly plugins: readonly IPolicyValidationPlugin[];
  readonly suppressions: readonly AppliedSuppression[];
  /** Entries due for review within 30 days (and expired ones under break glass), one line each, for stderr. */
  readonly warnings: readonly string[];
  /** The ledger the packs fill during synth (when `ledger` was asked for). */
  readonly ledger?: ComplianceLedger;
}

/**
 * The day the checks are made against: context `estate:today` when given (tests, the audit),
 * else `clock()`. Throws RegisterError for a value that is not a real `YYYY-MM-DD` date.
 */
export function todayFromContext(app: App, clock: () => Date): Date {
  const v: unknown = app.node.tryGetContext(TODAY_CONTEXT_KEY);
  if (v === undefined) return clock();
  const parsed = IsoDateSchema.safeParse(String(v));
  if (!parsed.success)
    throw new RegisterError(
      [
        {
          file: `context ${TODAY_CONTEXT_KEY}`,
          path: TODAY_CONTEXT_KEY,
          message: 'must be a date written YYYY-MM-DD',
          received: JSON.stringify(v),
        },
      ],
      `context ${TODAY_CONTEXT_KEY}`,
    );
  return new Date(`${parsed.data}T00:00:00Z`);
}

/**
 * Context key that lists every warning on its own line (`cdk synth -c verbose=true`): plan
 * warnings and exit-readiness findings. @default - the same warning over many items prints once
 */
export const VERBOSE_CONTEXT_KEY = 'verbose';

/** Whether context asks for every warning (`-c verbose=true`). */
export function verboseFromContext(app: App): boolean {
  const v: unknown = app.node.tryGetContext(VERBOSE_CONTEXT_KEY);
  return v === true || v === 'true';
}

/** Options as `cdk synth -c estate:audit=true -c estate:today=... -c estate:break-glass=...` asks for them. */
export function complianceOptionsFromContext(app: App, now: Date): ComplianceOptions {
  const v: unknown = app.node.tryGetContext(AUDIT_CONTEXT_KEY);
  const full = v === true || v === 'true';
  const breakGlass = breakGlassFromContext(app);
  return {
    now,
    controlTower: full,
    ledger: full || v === 'ledger-only',
    summarizeWarnings: !verboseFromContext(app),
    ...(breakGlass ? { breakGlass } : {}),
  };
}

/** The break-glass reason from context; one too short to say why is refused (RegisterError). */
export function breakGlassFromContext(app: App): string | undefined {
  const v: unknown = app.node.tryGetContext(BREAK_GLASS_CONTEXT_KEY);
  if (v === undefined || v === '') return undefined;
  const reason = ReasonSchema.safeParse(String(v));
  if (!reason.success)
    throw new RegisterError(
      [
        {
          file: `context ${BREAK_GLASS_CONTEXT_KEY}`,
          path: BREAK_GLASS_CONTEXT_KEY,
          message:
            'must be a reason of at least 20 characters saying why synth may go ahead with expired acceptances',
          received: JSON.stringify(v),
        },
      ],
      `context ${BREAK_GLASS_CONTEXT_KEY}`,
    );
  return reason.data;
}

/**
 * The whole wiring for bin/app.ts: loads the register named by context (or the plan folder's
 * compliance-register.yaml; none there means nothing is suppressed), then applies the packs as
 * the context asks (`caches`: where the entry point keeps pack results). Throws RegisterError.
 */
export function applyComplianceFromContext(
  app: App,
  model: EstateModel,
  planDir: string,
  now: Date,
  caches: Pick<ComplianceOptions, 'packCache'> = {},
): ComplianceSetup {
  const named: unknown = app.node.tryGetContext(REGISTER_CONTEXT_KEY);
  const register =
    named !== undefined
      ? loadRegister(String(named))
      : loadDefaultRegister(join(planDir, REGISTER_FILE), model.estate.id);
  return applyCompliance(app, model, register, { ...complianceOptionsFromContext(app, now), ...caches });
}

/**
 * Registers the compliance packs on the app (AwsSolutions, NIST 800-53 rev 5, UK public sector;
 * the Control Tower controls when asked) and applies the register's suppressions. Call once,
 * after every stack has been added. Throws RegisterError for expired, unmatched or unknown entries.
 */
export function applyCompliance(
  app: App,
  model: EstateModel,
  register: ComplianceRegister,
  options: ComplianceOptions,
): ComplianceSetup {
  const problems: PlanProblem[] = [...estateMismatch(register, model.estate.id)];
  const product = options.productRegister ?? loadProductRegister();
  const combined = combineRegisters(product, register);
  if (options.controlTower) problems.push(...unknownControls(combined, controlTowerControlNames()));
  if (problems.length > 0) throw new RegisterError(problems, register.file);

  // The audit synthesizes through expired entries so that it can report them (and then fails).
  const tolerateExpired = options.breakGlass ?? (options.ledger ? AUDIT_TOLERATES_EXPIRED : undefined);
  const productApplied = applyRegister(app, product, options.now, {
    ...(tolerateExpired ? { breakGlass: tolerateExpired } : {}),
    unmatchedAllowed: true,
  });
  const suppressions = [
    ...productApplied,
    ...applyRegister(app, register, options.now, {
      ...(tolerateExpired ? { breakGlass: tolerateExpired } : {}),
    }),
  ];
  const warnings = [
    ...reviewWarnings(combined, options.now).map((w) => `warning: ${w}`),
    ...(options.breakGlass
      ? expiredEntries(combined, options.now).map(
          (p) => `BREAK GLASS ("${options.breakGlass}"): ${p.file}:${p.line}:${p.column} ${p.message}`,
        )
      : []),
  ];
  const ledger = options.ledger ? new ComplianceLedger() : undefined;
  const packProps = { verbose: options.verbose ?? false };
  const cache = options.packCache;
  const plugins: IPolicyValidationPlugin[] = cache
    ? [
        new CachedAwsSolutionsChecks(app, { ...packProps, cache, ...(ledger ? { ledger } : {}) }),
        new CachedNist80053R5Checks(app, { ...packProps, cache, ...(ledger ? { ledger } : {}) }),
      ]
    : ledger
      ? [
          new AuditedAwsSolutionsChecks(app, { ...packProps, ledger }),
          new AuditedNist80053R5Checks(app, { ...packProps, ledger }),
        ]
      : [new AwsSolutionsChecks(app, packProps), new NIST80053R5Checks(app, packProps)];
  plugins.push(
    ...(ledger
      ? [
          UkPublicSectorChecks.fromModel(app, model, { ...packProps, ledger }),
          // Exit readiness (warnings): degraded or blocked ways out, beside the security findings.
          ExitReadinessChecks.fromModel(app, model, {
            ...packProps,
            record: (params) => recordedRule(ledger, EXIT_PACK_NAME, params, () => [4]),
            reset: () => ledger.resetPack(EXIT_PACK_NAME),
          }),
        ]
      : [
          UkPublicSectorChecks.fromModel(app, model, packProps),
          ExitReadinessChecks.fromModel(app, model, {
            ...packProps,
            summarizeWarnings: options.summarizeWarnings ?? false,
          }),
        ]),
  );
  // Limits CloudFormation and the services enforce at deploy time, which synth does not see.
  plugins.push(new DeployLimitChecks());
  if (options.controlTower)
    plugins.push(new CachedControlTowerValidator({ register: combined, ...options.controlTowerCheck }));
  if (ledger) plugins.push(new ComplianceLedgerPlugin(ledger));
  Validations.of(app).addPlugins(...plugins);
  return { plugins, suppressions, warnings, ...(ledger ? { ledger } : {}) };
}
