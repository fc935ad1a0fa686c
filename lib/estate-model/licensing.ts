/**
 * Licence and tenancy decision for a migrated server. Windows Server bought by the council
 * (bring-your-own) may only run on hardware dedicated to the council (Microsoft's licence terms):
 * such servers get `host` tenancy (an EC2 Dedicated Host with auto-placement) and must boot an
 * imported image, because AWS base images carry a licence-included Windows licence.
 * Decided once here for the estate model; the wave stacks build and the estimate prices it.
 */
import type { PlanServer } from '../plan/plan';

export type Tenancy = 'default' | 'host';

export interface LicensingDecision {
  readonly tenancy: Tenancy;
  /** Who pays the operating-system licence: AWS in the EC2 price, or the council's own. */
  readonly licence: 'aws-licence-included' | 'bring-your-own';
  /** One line for the synth summary and for auditors. */
  readonly reason: string;
}

/** The tenancy and licence a server runs with. Pure; the image requirement is `licensingProblem`. */
export function licensingFor(server: PlanServer): LicensingDecision {
  if (server.licence === 'aws-licence-included') {
    return {
      tenancy: 'default',
      licence: 'aws-licence-included',
      reason: 'licence included in the EC2 price',
    };
  }
  if (server.os.family === 'windows') {
    return {
      tenancy: 'host',
      licence: 'bring-your-own',
      reason: 'bring-your-own Windows Server licence: runs on a Dedicated Host from the imported image',
    };
  }
  return {
    tenancy: 'default',
    licence: 'bring-your-own',
    reason: 'bring-your-own subscription (Linux): shared tenancy allowed',
  };
}

/**
 * Why a server's licence cannot be built, or undefined: bring-your-own Windows must boot an
 * imported image (a base image already includes a Windows licence).
 */
export function licensingProblem(server: PlanServer): string | undefined {
  if (server.licence === 'aws-licence-included' || server.os.family !== 'windows') return undefined;
  if (server.image && 'importedImageId' in server.image) return undefined;
  return (
    `Server "${server.id}": licence "bring-your-own" on Windows needs an imported image (image.importedImageId); ` +
    `the base image ${server.image && 'baseImage' in server.image ? `"${server.image.baseImage}" ` : ''}already includes a Windows licence. ` +
    'Import the server image or set licence: aws-licence-included.'
  );
}
