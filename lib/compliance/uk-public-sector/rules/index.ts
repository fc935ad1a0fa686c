import { allowedRegion } from './allowed-region';
import { backupSelected } from './backup-selected';
import { customerManagedKey } from './customer-managed-key';
import { databaseTls } from './database-tls';
import { instanceInVpc } from './instance-in-vpc';
import { internetIngress } from './internet-ingress';
import { mandatoryTags } from './mandatory-tags';
import { noPublicAccess } from './no-public-access';
import { operated } from './operated';
import { secretRotation } from './secret-rotation';
import { vpcFlowLogs } from './vpc-flow-logs';

export {
  allowedRegion,
  backupSelected,
  customerManagedKey,
  databaseTls,
  instanceInVpc,
  internetIngress,
  mandatoryTags,
  noPublicAccess,
  operated,
  secretRotation,
  vpcFlowLogs,
};

/** Every rule of the UK public-sector pack, in report order. */
export const UK_RULES = [
  allowedRegion,
  customerManagedKey,
  mandatoryTags,
  backupSelected,
  noPublicAccess,
  instanceInVpc,
  internetIngress,
  databaseTls,
  vpcFlowLogs,
  secretRotation,
  operated,
] as const;
