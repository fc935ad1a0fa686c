/** AWS services the sample bills, as FOCUS names them (ServiceName, x_ServiceCode, ServiceCategory). */
export interface SampleService {
  readonly name: string;
  readonly code: string;
  readonly category: string;
}

export const SERVICES = {
  ec2: { name: 'Amazon Elastic Compute Cloud', code: 'AmazonEC2', category: 'Compute' },
  rds: { name: 'Amazon Relational Database Service', code: 'AmazonRDS', category: 'Databases' },
  vpc: { name: 'Amazon Virtual Private Cloud', code: 'AmazonVPC', category: 'Networking' },
  backup: { name: 'AWS Backup', code: 'AWSBackup', category: 'Storage' },
  transfer: { name: 'AWS Data Transfer', code: 'AWSDataTransfer', category: 'Networking' },
  cloudwatch: { name: 'Amazon CloudWatch', code: 'AmazonCloudWatch', category: 'Management and Governance' },
  config: { name: 'AWS Config', code: 'AWSConfig', category: 'Management and Governance' },
  savingsPlans: {
    name: 'Savings Plans for AWS Compute usage',
    code: 'ComputeSavingsPlans',
    category: 'Compute',
  },
} as const satisfies Record<string, SampleService>;

export function serviceNamed(name: string): SampleService {
  const found = Object.values(SERVICES).find((s) => s.name === name);
  if (!found) throw new Error(`Sample billing data: unknown service "${name}"`);
  return found;
}
