import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/** Properties of a {@link ServerRole}. */
export interface ServerRoleProps {
  /**
   * Description of the role.
   * @default 'Migrated servers: Systems Manager and CloudWatch agent only'
   */
  readonly description?: string;
}

/**
 * The instance role and profile shared by the migrated servers of one stack: Systems Manager
 * (Session Manager, Patch Manager, Run Command) and the CloudWatch agent, nothing else.
 * No key pairs are used anywhere: administrators connect through Session Manager.
 */
export class ServerRole extends Construct {
  readonly role: iam.Role;
  readonly instanceProfile: iam.InstanceProfile;

  constructor(scope: Construct, id: string, props: ServerRoleProps = {}) {
    super(scope, id);
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      description: props.description ?? 'Migrated servers: Systems Manager and CloudWatch agent only',
      managedPolicies: [
        iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSSMManagedInstanceCore'),
        iam.ManagedPolicy.fromAwsManagedPolicyName('CloudWatchAgentServerPolicy'),
      ],
    });
    this.instanceProfile = new iam.InstanceProfile(this, 'Profile', { role: this.role });
  }
}
