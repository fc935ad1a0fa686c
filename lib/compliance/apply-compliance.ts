import { join } from 'node:path';
import { Validations, type App, type IPolicyValidationPlugin } from 'aws-cdk-lib';
import { AwsSolutionsChecks, NIST80053R5Checks } from 'cdk-nag';
import type { PlanProblem } from '../plan/errors';
import type { Plan } from '../plan/plan';
import {
  CachedControlTowerValidator,
  controlTowerControlNames,
  unknownControls,
  type ControlTowerCache,
  type ControlTowerRunner,
} from './control-tower';
import { ComplianceLedger, ComplianceLedgerPlugin } from './ledger';
import { AuditedAwsSolutionsChecks, AuditedNist80053R5Checks } from './packs';
import {
  applyRegister,
  loadDefaultRegister,
  loadRegister,
  RegisterError,
  type AppliedSuppression,
  type ComplianceRegister,
} from './register';
import { UkPublicSectorChecks } from './uk-public-sector';

/**
 * Context key that turns on the audit-only parts: `true` runs the cfn-guard Control Tower
 * controls and writes the ledger; `ledger-only` writes the ledger without cfn-guard.
 */
export const AUDIT_CONTEXT_KEY = 'estate:audit';
/** Context key naming the compliance register file. @default <plan>/compliance-register.yaml */
export const REGISTER_CONTEXT_KEY = 'estate:register';

export interface ComplianceOptions {
  /** Today, for the register's review dates (passed in: lib/ does not read the clock). */
  readonly now: Date;
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
   * Where the Control Tower results are remembered by template hash, and how changed templates
   * are checked (e.g. in parallel). @default - no cache, one template after another
   */
  readonly controlTowerCheck?: { readonly cache?: ControlTowerCache; readonly runner?: ControlTowerRunner };
}

/** What `applyCompliance` set up. */
export interface ComplianceSetup {
  readonly plugins: readonly IPolicyValidationPlugin[];
  readonly suppressions: readonly AppliedSuppression[];
  /** The ledger the packs fill during synth (when `ledger` was asked for). */
  readonly ledger?: ComplianceLedger;
}

/** Options as `cdk synth -c estate:audit=true` asks for them. */
export function complianceOptionsFromContext(app: App, now: Date): ComplianceOptions {
  const v: unknown = app.node.tryGetContext(AUDIT_CONTEXT_KEY);
  const full = v === true || v === 'true';
  return { now, controlTower: full, ledger: full || v === 'ledger-only' };
}

/**
 * The whole wiring for bin/app.ts: loads the register named by context (or the plan folder's
 * compliance-register.yaml; none there means nothing is suppressed), then applies the packs as
 * the context asks. Throws RegisterError.
 */
export function applyComplianceFromContext(
  app: App,
  plan: Plan,
  planDir: string,
  now: Date,
): ComplianceSetup {
  const named: unknown = app.node.tryGetContext(REGISTER_CONTEXT_KEY);
  const register =
    named !== undefined
      ? loadRegister(String(named))
      : loadDefaultRegister(join(planDir, 'compliance-register.yaml'), plan.estate.id);
  return applyCompliance(app, plan, register, complianceOptionsFromContext(app, now));
}

/**
 * Registers the compliance packs on the app (AwsSolutions, NIST 800-53 rev 5, UK public sector;
 * the Control Tower controls when asked) and applies the register's suppressions. Call once,
 * after every stack has been added. Throws RegisterError for expired, unmatched or unknown entries.
 */
export function applyCompliance(
  app: App,
  plan: Plan,
  register: ComplianceRegister,
  options: ComplianceOptions,
): ComplianceSetup {
  const problems: PlanProblem[] = [];
  if (register.estate !== plan.estate.id && register.file !== '<none>') {
    problems.push({
      file: register.file,
      line: 1,
      path: 'estate',
      message: `belongs to estate "${register.estate}", not "${plan.estate.id}"`,
      received: JSON.stringify(register.estate),
    });
  }
  if (options.controlTower) problems.push(...unknownControls(register, controlTowerControlNames()));
  if (problems.length > 0) throw new RegisterError(problems, register.file);

  const suppressions = applyRegister(app, register, options.now);
  const ledger = options.ledger ? new ComplianceLedger() : undefined;
  const packProps = { verbose: options.verbose ?? false };
  const plugins: IPolicyValidationPlugin[] = ledger
    ? [
        new AuditedAwsSolutionsChecks(app, { ...packProps, ledger }),
        new AuditedNist80053R5Checks(app, { ...packProps, ledger }),
        UkPublicSectorChecks.fromPlan(app, plan, { ...packProps, ledger }),
      ]
    : [
        new AwsSolutionsChecks(app, packProps),
        new NIST80053R5Checks(app, packProps),
        UkPublicSectorChecks.fromPlan(app, plan, packProps),
      ];
  if (options.controlTower)
    plugins.push(new CachedControlTowerValidator({ register, ...options.controlTowerCheck }));
  if (ledger) plugins.push(new ComplianceLedgerPlugin(ledger));
  Validations.of(app).addPlugins(...plugins);
  return { plugins, suppressions, ...(ledger ? { ledger } : {}) };
}
