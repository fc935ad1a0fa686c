import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { Construct } from 'constructs';
import type { Stack } from 'aws-cdk-lib';
import {
  ApplicationSecurityGroups,
  itemsWithoutLandingZone,
  WITHOUT_LANDING_ZONE_METADATA,
} from '../lib/compute';
import type { EstateModel } from '../lib/estate-model';
import { DmsServiceRoles } from '../lib/migration/dms-service-roles';
import { applyTags } from '../lib/tagging';
import type { WorkloadAccount } from '../lib/estate-model/accounts';
import { EstateStack, workloadStackProps } from './private/estate-stack';
import { pascalCase } from '../lib/shared/naming';

/**
 * Context key for the resources the Access stack may hold before its rules are sharded (a whole
 * number; default `ACCESS_STACK_RESOURCE_BUDGET`, 400). Lowering it splits smaller estates.
 */
export const ACCESS_BUDGET_CONTEXT = 'estate:accessResourceBudget';

export interface WaveAccessStackProps {
  /** The estate model: applications, flows, which items get no resources (recorded for the synth summary). */
  readonly model: EstateModel;
  readonly vpc: ec2.IVpc;
  /** The interface endpoints' security group (HTTPS egress to it). @default - none */
  readonly endpointSecurityGroup?: ec2.ISecurityGroup;
  /** The region's S3 managed prefix list (HTTPS egress to it). @default - none */
  readonly s3PrefixListId?: string;
  /**
   * The workload account (estate model): only its applications get groups here, with rules from
   * its own servers' flows. The production account's stack also records the items that get no
   * resources. @default - the production account, every application
   */
  readonly account?: WorkloadAccount;
}

/**
 * One security group per application, with every application-to-application and on-premises rule
 * from the plan's flows. The groups are kept in one stack, so rules between applications in
 * different waves never need a cross-stack reference between wave stacks; each wave stack imports
 * only its own application's group id. A large estate (groups and rule resources over
 * `ACCESS_STACK_RESOURCE_BUDGET`) keeps its groups here and moves the rules that are resources of
 * their own into one `<Estate>-AccessRules-<Application>` stack per application
 * (`ApplicationSecurityGroups`'s `ruleShard`), each depending on this one; a smaller estate, like
 * the bundled example, has none. An application's rules stack is named by its id alone, so adding
 * applications or rules never moves another application's rules between stacks.
 */
export class WaveAccessStack extends EstateStack {
  readonly groups: ApplicationSecurityGroups;
  /**
   * `dms-vpc-role` and `dms-cloudwatch-logs-role`, once per account, when any of the account's
   * databases moves with DMS (wave stacks with a DMS subnet group deploy after this stack).
   */
  readonly dmsRoles?: DmsServiceRoles;
  /** The rules stacks by application id (empty unless the rules are sharded). */
  readonly ruleShards = new Map<string, Stack>();

  constructor(scope: Construct, props: WaveAccessStackProps) {
    const { model, account } = props;
    super(scope, {
      model,
      ...workloadStackProps(account, 'Access'),
      description: `${model.estate.name}: security groups per application, from the plan's declared flows`,
    });
    applyTags(this, account?.sharedTags ?? model.sharedTags);
    // Servers and databases that get no resources, for the synth summary (they are in no wave
    // stack); recorded once, in the production account's access stack.
    if (account === undefined || account.role === 'production') {
      this.templateOptions.metadata = {
        [WITHOUT_LANDING_ZONE_METADATA]: itemsWithoutLandingZone(props.model),
      };
    }
    const applications = account
      ? model.planned.applications.filter((a) => account.applications.includes(a.id))
      : model.planned.applications;
    this.groups = new ApplicationSecurityGroups(this, 'Applications', {
      model,
      vpc: props.vpc,
      endpointSecurityGroup: props.endpointSecurityGroup,
      s3PrefixListId: props.s3PrefixListId,
      ruleShard: (applicationId) => this.ruleShardStack(scope, model, account, applicationId),
      resourceBudget: budgetFromContext(this.node.tryGetContext(ACCESS_BUDGET_CONTEXT)),
      ...(account ? { applications: account.applications, vpcCidr: account.vpcCidr } : {}),
    });
    const appIds = new Set(applications.map((a) => a.id));
    if (model.databases.some((d) => appIds.has(d.application) && d.routes.entry.route === 'dms')) {
      this.dmsRoles = new DmsServiceRoles(this, 'DmsServiceRoles');
    }
    for (const app of applications) {
      applyTags(this.groups.groupFor(app.id), {
        ...model.sharedTags,
        Application: app.id,
        CostCentre: app.costCentre,
        DataClassification: app.dataClassification,
        Environment: app.environment,
      });
    }
  }

  /** The stack holding an application's separate rules, when the rules are sharded. */
  rulesStackFor(applicationId: string): Stack | undefined {
    const shard = this.groups.shardFor(applicationId);
    return shard === undefined ? undefined : this.ruleShards.get(shard);
  }

  private ruleShardStack(
    scope: Construct,
    model: EstateModel,
    account: WorkloadAccount | undefined,
    applicationId: string,
  ): Stack {
    const stack = new EstateStack(scope, {
      model,
      ...workloadStackProps(account, `AccessRules-${pascalCase(applicationId)}`),
      description: `${model.estate.name}: security group rules of ${applicationId} to and from other applications`,
    });
    applyTags(stack, account?.sharedTags ?? model.sharedTags);
    stack.addStackDependency(this, 'the rules reference the application security groups');
    this.ruleShards.set(applicationId, stack);
    return stack;
  }
}

function budgetFromContext(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1)
    throw new Error(
      `Context ${ACCESS_BUDGET_CONTEXT} must be a positive whole number (received ${JSON.stringify(value)})`,
    );
  return n;
}
