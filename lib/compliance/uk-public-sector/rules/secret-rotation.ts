import type { CfnResource } from 'aws-cdk-lib';
import { CfnDBCluster, CfnDBInstance } from 'aws-cdk-lib/aws-rds';
import { CfnSecret } from 'aws-cdk-lib/aws-secretsmanager';
import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { literalBoolean, resolved } from '../private/resolve';
import type { UkRule, UkRuleContext } from '../rule';

function databasePassword(node: CfnDBInstance | CfnDBCluster): NagRuleCompliance {
  if (literalBoolean(node, node.manageMasterUserPassword, 'ManageMasterUserPassword') === true) {
    return NagRuleCompliance.COMPLIANT; // RDS-managed secret: rotated by RDS (7 days by default)
  }
  const password = resolved(node, node.masterUserPassword);
  if (password === undefined) return NagRuleCompliance.NOT_APPLICABLE; // replica or snapshot restore: no password here
  // A Secrets Manager dynamic reference is checked on the secret itself; anything else is a static password.
  return JSON.stringify(password).includes('{{resolve:secretsmanager:')
    ? NagRuleCompliance.NOT_APPLICABLE
    : NagRuleCompliance.NON_COMPLIANT;
}

/** Secrets have a rotation schedule; database master passwords are managed or come from a rotated secret. */
export const secretRotation: UkRule = {
  id: 'SecretRotation',
  info: 'The secret or database master password is not rotated.',
  explanation:
    'Credentials that never change outlive the people who knew them; secrets must rotate automatically (NCSC principles 9 and 10).',
  level: NagMessageLevel.ERROR,
  ncsc: [9, 10],
  evaluate(node: CfnResource, { index }: UkRuleContext): NagRuleCompliance {
    if (node instanceof CfnSecret) {
      return index.rotatedSecrets.has(node) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
    }
    if (node instanceof CfnDBInstance) {
      if (node.dbClusterIdentifier !== undefined || node.sourceDbInstanceIdentifier !== undefined)
        return NagRuleCompliance.NOT_APPLICABLE;
      return databasePassword(node);
    }
    if (node instanceof CfnDBCluster) return databasePassword(node);
    return NagRuleCompliance.NOT_APPLICABLE;
  },
};
