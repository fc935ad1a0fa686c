import { allowedRegion } from './allowed-region';
import { backupSelected } from './backup-selected';
import { customerManagedKey } from './customer-managed-key';
import { databaseTls } from './database-tls';
import { internetIngress } from './internet-ingress';
import { mandatoryTags } from './mandatory-tags';
import { noPublicAccess } from './no-public-access';
import { secretRotation } from './secret-rotation';
import { vpcFlowLogs } from './vpc-flow-logs';

export {
  allowedRegion,
  backupSelected,
  customerManagedKey,
  databaseTls,
  internetIngress,
  mandatoryTags,
  noPublicAccess,
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
  internetIngress,
  databaseTls,
  vpcFlowLogs,
  secretRotation,
] as const;
