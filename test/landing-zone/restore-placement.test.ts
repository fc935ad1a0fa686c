/** The restore-placement validation: a restore test without placement overrides fails synth. */
import { Stack } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import { restorePlacementProblems } from '../../lib/backup';

function selection(type: string, overrides?: Record<string, string>): backup.CfnRestoreTestingSelection {
  return new backup.CfnRestoreTestingSelection(new Stack(), 'Selection', {
    restoreTestingPlanName: 'plan',
    restoreTestingSelectionName: 'sel',
    protectedResourceType: type,
    iamRoleArn: 'arn:aws:iam::123456789012:role/r',
    protectedResourceArns: ['*'],
    ...(overrides ? { restoreMetadataOverrides: overrides } : {}),
  });
}

describe('restorePlacementProblems', () => {
  test('EC2 and RDS with subnet and security group overrides pass', () => {
    expect(
      restorePlacementProblems([
        selection('EC2', { subnetId: 'subnet-1', securityGroupIds: '["sg-1"]' }),
        selection('RDS', { dbSubnetGroupName: 'restore', vpcSecurityGroupIds: '["sg-1"]' }),
      ]),
    ).toEqual([]);
  });

  test('a missing override names what would land in the default VPC', () => {
    expect(restorePlacementProblems([selection('EC2', { subnetId: 'subnet-1' }), selection('RDS')])).toEqual([
      'Restore testing selection for EC2 lacks securityGroupIds: the copy would be restored into the default VPC',
      'Restore testing selection for RDS lacks dbSubnetGroupName, vpcSecurityGroupIds: the copy would be restored into the default VPC',
    ]);
  });

  test('a resource type without a known placement is a problem, not a pass', () => {
    expect(restorePlacementProblems([selection('EFS', {})])).toEqual([
      'Restore testing selection for EFS: no restore placement is defined for this type',
    ]);
  });
});
