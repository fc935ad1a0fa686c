import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';

/** Properties of {@link VssComponents}. */
export interface VssComponentsProps {
  /** The Windows instances of the stack (AWS Backup takes VSS-consistent snapshots of them). */
  readonly instanceIds: readonly string[];
}

/**
 * Installs the AWS VSS components (the `AwsVssComponents` Distributor package) on Windows servers
 * through a State Manager association, re-applied weekly so new or rebuilt servers get them. AWS
 * Backup's Windows VSS option needs them on the instance, and the instance role needs the VSS
 * snapshot permissions (`ServerRole`'s `windowsVss`, `vssStatements`).
 */
export class VssComponents extends Construct {
  readonly association: ssm.CfnAssociation;

  constructor(scope: Construct, id: string, props: VssComponentsProps) {
    super(scope, id);
    if (props.instanceIds.length === 0) throw new Error('VssComponents: no Windows instances given');
    this.association = new ssm.CfnAssociation(this, 'Association', {
      name: 'AWS-ConfigureAWSPackage',
      parameters: { action: ['Install'], name: ['AwsVssComponents'] },
      targets: [{ key: 'InstanceIds', values: [...props.instanceIds] }],
      scheduleExpression: 'rate(7 days)',
      complianceSeverity: 'HIGH',
    });
  }
}
