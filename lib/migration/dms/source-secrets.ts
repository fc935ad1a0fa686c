/**
 * The DMS on-premises source secrets an estate needs: one per `dms` database with landing-zone
 * resources, named `<estate>/dms-source/<database>` and encrypted with the secrets key of its
 * account and classification (the key the wave stack gives DMS's access role). The council's DBA
 * creates them; `estate preflight` checks them and the wave runbook says how. No CDK code.
 */
import type { EstateModel } from '../../estate-model';
import { estateKeyAlias } from '../../keys/estate-keys';
import { keyScopesFor } from '../../keys/key-scopes';
import { dmsSourceSecretName } from './source-secret-name';

export interface DmsSourceSecret {
  readonly name: string;
  readonly database: string;
  /** Workload account role the database (and so the secret) is in. */
  readonly accountRole: string;
  /** Alias of the estate key it must be encrypted with (`alias/<estate>/secrets[-<class>]`). */
  readonly keyAlias: string;
}

export function dmsSourceSecrets(model: EstateModel): DmsSourceSecret[] {
  return model.databases.flatMap((d) => {
    if (!d.landingZone || d.routes.entry.route !== 'dms') return [];
    const account = model.accounts.find((a) => a.role === d.account.role);
    if (!account) return [];
    const applications = model.planned.applications.filter((a) => account.applications.includes(a.id));
    const scopes = keyScopesFor({ applications });
    const classification = applications.find((a) => a.id === d.application)?.dataClassification;
    const scope = scopes.includes('shared') || !classification ? 'shared' : classification;
    return [
      {
        name: dmsSourceSecretName(model.estate.id, d.id),
        database: d.id,
        accountRole: account.role,
        keyAlias: estateKeyAlias(model.estate.id, 'secrets', scope),
      },
    ];
  });
}
