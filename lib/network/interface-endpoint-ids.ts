/**
 * The interface endpoints every estate VPC gets, by construct id (the services behind them are
 * in service-endpoints.ts). Plain data, without aws-cdk-lib, so the cost estimate can count them
 * without pulling the CDK into the monthly report function's bundle.
 */
export const INTERFACE_ENDPOINT_IDS = [
  'Ssm',
  'SsmMessages',
  'Ec2Messages',
  'Kms',
  'Logs',
  'SecretsManager',
] as const;

export type InterfaceEndpointId = (typeof INTERFACE_ENDPOINT_IDS)[number];

/** Interface endpoints added where MGN replicates privately (plan `migration.replicationNetwork`). */
export const MGN_INTERFACE_ENDPOINT_IDS = ['Mgn', 'Ec2'] as const;
