import { Tags } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';

/** The tag that marks the Windows instances one VSS association installs the components on. */
export const VSS_TARGET_TAG = 'VssComponentsTarget';

/** Properties of {@link VssComponents}. */
export interface VssComponentsProps {
  /** The Windows instances of the stack (AWS Backup takes VSS-consistent snapshots of them). */
  readonly instances: readonly ec2.CfnInstance[];
  /**
   * Value of {@link VSS_TARGET_TAG} on those instances, unique to this association (the wave
   * stack's name), so two stacks' associations never select each other's servers.
   */
  readonly targetValue: string;
}

/**
 * Installs the AWS VSS components (the `AwsVssComponents` Distributor package) on Windows servers
 * through a State Manager association, re-applied weekly so new or rebuilt servers get them. AWS
 * Backup's Windows VSS option needs them on the instance, and the instance role needs the VSS
 * snapshot permissions (`ServerRole`'s `windowsVss`, `vssStatements`).
 *
 * The association targets a tag, not instance ids: a target accepts at most 50 values (SSM API
 * Reference, `Target`: "Values ... Maximum number of 50 items"), so an application with more than
 * 50 Windows servers could not deploy with ids; one tag value selects any number of instances, and
 * servers added later are picked up without changing the association.
 */
export class VssComponents extends Construct {
  readonly association: ssm.CfnAssociation;

  constructor(scope: Construct, id: string, props: VssComponentsProps) {
    super(scope, id);
    if (props.instances.length === 0) throw new Error('VssComponents: no Windows instances given');
    for (const instance of props.instances) Tags.of(instance).add(VSS_TARGET_TAG, props.targetValue);
    this.association = new ssm.CfnAssociation(this, 'Association', {
      name: 'AWS-ConfigureAWSPackage',
      parameters: { action: ['Install'], name: ['AwsVssComponents'] },
      targets: [{ key: `tag:${VSS_TARGET_TAG}`, values: [props.targetValue] }],
      scheduleExpression: 'rate(7 days)',
      complianceSeverity: 'HIGH',
    });
  }
}
