import { associationTargets } from './association-targets';
import { inlineRolePolicySize } from './inline-role-policy-size';
import { keyPolicySize } from './key-policy-size';
import { lambdaEnvironmentSize } from './lambda-environment-size';
import { managedPolicySize } from './managed-policy-size';
import { securityGroupRules } from './security-group-rules';
import { stackOutputs } from './stack-outputs';
import { stackResources } from './stack-resources';
import { templateSize } from './template-size';

export {
  associationTargets,
  inlineRolePolicySize,
  keyPolicySize,
  lambdaEnvironmentSize,
  managedPolicySize,
  securityGroupRules,
  stackOutputs,
  stackResources,
  templateSize,
};

/** Every deploy-time limit rule, in report order. */
export const DEPLOY_LIMIT_RULES = [
  templateSize,
  stackResources,
  stackOutputs,
  associationTargets,
  securityGroupRules,
  managedPolicySize,
  inlineRolePolicySize,
  keyPolicySize,
  lambdaEnvironmentSize,
] as const;
