/**
 * Licence decisions for a migrated server. Windows Server bought by the council (bring-your-own)
 * may only run on hardware dedicated to the council (Microsoft's licence terms): such servers get
 * `host` tenancy (an EC2 Dedicated Host with auto-placement) and must boot an imported image,
 * because AWS base images carry a licence-included Windows licence.
 */
import type { PlanServer } from '../plan/plan';

export type Tenancy = 'default' | 'host';

export interface LicensingDecision {
  readonly tenancy: Tenancy;
  /** One line for the synth summary and for auditors. */
  readonly reason: string;
}

export function licensingFor(server: PlanServer): LicensingDecision {
  if (server.licence === 'aws-licence-included') {
    return { tenancy: 'default', reason: 'licence included in the EC2 price' };
  }
  if (server.os.family === 'windows') {
    if (!server.image || !('importedImageId' in server.image)) {
      throw new Error(
        `Server "${server.id}": licence "bring-your-own" on Windows needs an imported image (image.importedImageId); ` +
          `the base image ${server.image && 'baseImage' in server.image ? `"${server.image.baseImage}" ` : ''}already includes a Windows licence. ` +
          'Import the server image or set licence: aws-licence-included.',
      );
    }
    return {
      tenancy: 'host',
      reason: 'bring-your-own Windows Server licence: runs on a Dedicated Host from the imported image',
    };
  }
  return { tenancy: 'default', reason: 'bring-your-own subscription (Linux): shared tenancy allowed' };
}
