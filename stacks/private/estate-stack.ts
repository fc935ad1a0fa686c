import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { estateStackName } from '../../lib/shared/naming';
import type { WorkloadAccount } from '../../lib/estate-model/accounts';
import type { EstateModel } from '../../lib/estate-model/estate-model';

/**
 * Account and stack-name prefix of a workload account's stack (keys, network, security baseline,
 * backup, access, exit): `env.account` is the account's, the role gets its `stackPrefix`.
 * @param account the estate model's workload account; absent: the production account, no prefix
 */
export function workloadStackProps(
  account: WorkloadAccount | undefined,
  role: string,
): { readonly role: string; readonly account?: string } {
  return account ? { role: `${account.stackPrefix}${role}`, account: account.account } : { role };
}

/** Props every estate stack takes. */
export interface EstateStackProps {
  /** The estate model; account, region and availability zones come from it. */
  readonly model: EstateModel;
  /** Role of the stack within the estate, e.g. `Network`; the stack name is `<Estate>-<role>`. */
  readonly role: string;
  /** One-line description shown in CloudFormation. */
  readonly description: string;
  /**
   * Stateful stacks (keys, databases, backup vaults) are termination-protected.
   * @default false
   */
  readonly stateful?: boolean;
  /** Account of the stack. @default the estate model's fallback, `defaultAccount` (the production workload account) */
  readonly account?: string;
  /** Region of the stack. @default the estate's home region */
  readonly region?: string;
  /**
   * Write the template without indentation: for stacks whose size grows with the estate (the
   * Health stack's dashboards and composite alarms), since CloudFormation's 1 MB template limit
   * counts the file as uploaded. @default false
   */
  readonly compactTemplate?: boolean;
}

/**
 * Base for every stack of an estate: env `{ account, region }` from the plan, a stack name
 * derived from the estate id, and availability zones pinned to the plan's list (never looked up,
 * so synth works offline and never falls back to `dummy1a`).
 */
export class EstateStack extends Stack {
  readonly model: EstateModel;

  constructor(scope: Construct, props: EstateStackProps) {
    const name = estateStackName(props.model.estate.id, props.role);
    const stackProps: StackProps = {
      env: {
        account: props.account ?? props.model.defaultAccount,
        region: props.region ?? props.model.estate.region,
      },
      stackName: name,
      description: props.description,
      terminationProtection: props.stateful ?? false,
      ...(props.compactTemplate ? { suppressTemplateIndentation: true } : {}),
    };
    super(scope, name, stackProps);
    this.model = props.model;
  }

  /** The plan's availability zones, in plan order. No context lookup is ever made. */
  override get availabilityZones(): string[] {
    return [...this.model.settings.network.availabilityZones];
  }
}
