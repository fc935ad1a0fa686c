import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import {
  agentNamespace,
  LINUX_DISK_USED_METRIC,
  MEMORY_USED_METRIC,
  WINDOWS_DISK_FREE_METRIC,
} from './agent-metrics';

/** The OS families the agent has a configuration for. */
export type AgentOsFamily = 'windows' | 'linux';

/** The SSM parameter holding an OS family's agent configuration. */
export function agentConfigurationParameterName(estateId: string, family: AgentOsFamily): string {
  return `/estate/${estateId}/operations/cloudwatch-agent/${family}`;
}

/**
 * The CloudWatch agent configuration of an OS family (see agent-metrics.ts): memory in use and
 * every volume's space, with `InstanceId` appended and aggregated, every 60 seconds.
 */
export function agentConfiguration(estateId: string, family: AgentOsFamily): object {
  const metrics =
    family === 'windows'
      ? {
          Memory: { measurement: [{ name: '% Committed Bytes In Use', rename: MEMORY_USED_METRIC }] },
          LogicalDisk: {
            measurement: [{ name: '% Free Space', rename: WINDOWS_DISK_FREE_METRIC }],
            resources: ['*'],
          },
        }
      : {
          mem: { measurement: [MEMORY_USED_METRIC] },
          disk: {
            measurement: [{ name: 'used_percent', rename: LINUX_DISK_USED_METRIC }],
            resources: ['*'],
            ignore_file_system_types: ['sysfs', 'devtmpfs', 'tmpfs', 'overlay', 'squashfs'],
          },
        };
  return {
    agent: { metrics_collection_interval: 60 },
    metrics: {
      namespace: agentNamespace(estateId),
      append_dimensions: { InstanceId: '${aws:InstanceId}' },
      aggregation_dimensions: [['InstanceId']],
      metrics_collected: metrics,
    },
  };
}

/** Properties of {@link AgentConfiguration}. */
export interface AgentConfigurationProps {
  readonly estateId: string;
  /**
   * Values of the `PatchGroup` tag per OS family present in the account (one patch group per OS
   * family and approval class): the associations target servers by these tags.
   */
  readonly patchGroups: Readonly<Record<AgentOsFamily, readonly string[]>>;
}

/**
 * Installs the CloudWatch agent on every server of the estate (`AWS-ConfigureAWSPackage`) and
 * applies each OS family's configuration from its SSM parameter (`AmazonCloudWatch-ManageAgent`),
 * both through State Manager associations that target by tag, never by instance id: a target takes
 * at most 50 values ("Target", AWS Systems Manager API Reference,
 * https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_Target.html), and new servers
 * with the tags are picked up without a change here ("Installing the CloudWatch agent using
 * Systems Manager", https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/installing-cloudwatch-agent-ssm.html).
 */
export class AgentConfiguration extends Construct {
  constructor(scope: Construct, id: string, props: AgentConfigurationProps) {
    super(scope, id);
    const families = (['linux', 'windows'] as const).filter((f) => props.patchGroups[f].length > 0);
    if (families.length === 0) return;
    const all = families.flatMap((f) => [...props.patchGroups[f]]);
    new ssm.CfnAssociation(this, 'Install', {
      name: 'AWS-ConfigureAWSPackage',
      associationName: `${props.estateId}-cloudwatch-agent-install`,
      parameters: { action: ['Install'], name: ['AmazonCloudWatchAgent'] },
      targets: [{ key: 'tag:PatchGroup', values: all }],
      scheduleExpression: 'rate(14 days)',
    });
    for (const family of families) {
      const name = agentConfigurationParameterName(props.estateId, family);
      const pascal = family === 'windows' ? 'Windows' : 'Linux';
      const parameter = new ssm.CfnParameter(this, `${pascal}Configuration`, {
        name,
        type: 'String',
        tier: 'Standard',
        description: `CloudWatch agent configuration of the estate's ${family} servers (docs/operations.md)`,
        value: JSON.stringify(agentConfiguration(props.estateId, family)),
      });
      const association = new ssm.CfnAssociation(this, `${pascal}Configure`, {
        name: 'AmazonCloudWatch-ManageAgent',
        associationName: `${props.estateId}-cloudwatch-agent-${family}`,
        parameters: {
          action: ['configure'],
          mode: ['ec2'],
          optionalConfigurationSource: ['ssm'],
          optionalConfigurationLocation: [name],
          optionalRestart: ['yes'],
        },
        targets: [{ key: 'tag:PatchGroup', values: [...props.patchGroups[family]] }],
        scheduleExpression: 'rate(1 day)',
      });
      association.node.addDependency(parameter);
    }
  }
}
