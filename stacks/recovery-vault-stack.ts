import type { Construct } from 'constructs';
import { AdministrationRoles } from '../lib/administration';
import {
  COPY_REGION_CLASSIFICATIONS,
  CopyEventReceiving,
  eventsPublishStatement,
  RecoveryAccountBaseline,
  recoveryCopyKeyStatement,
  recoveryCopyRoleName,
  RecoveryPointCopy,
  RecoveryVault,
  recoveryVaultArn,
  recoveryVaultName,
  shortestRetentionDays,
  TIER_SCHEDULES,
} from '../lib/backup';
import type { EstateModel } from '../lib/estate-model/estate-model';
import { applyTags } from '../lib/tagging';
import { EstateStack } from './private/estate-stack';

export interface RecoveryVaultStackProps {
  readonly model: EstateModel;
  /** Region of this copy. @default the estate's home region */
  readonly region?: string;
  /**
   * Create the key administrator and break-glass roles here (IAM is global: only in the home
   * region's stack, only when the Organization does not provide them and no workload account's
   * keys stack creates them in the same account). @default false
   */
  readonly createAdministrationRoles?: boolean;
}

/**
 * The backup account's locked vault (stateful, termination-protected) that every tier's backups
 * are copied to, with its own key; one per region copies go to. Deployed to `accounts.backup`.
 * Workload stacks reference it by its fixed name and ARN, never by a cross-stack export.
 */
export class RecoveryVaultStack extends EstateStack {
  readonly recovery: RecoveryVault;
  /** GuardDuty and vault alerts of the backup account (home region only). */
  readonly baseline?: RecoveryAccountBaseline;
  /** The second hop to the plan's copy region (home region only, when the plan has one). */
  readonly copy?: RecoveryPointCopy;

  constructor(scope: Construct, props: RecoveryVaultStackProps) {
    const { model } = props;
    const copy = props.region !== undefined && props.region !== model.estate.region;
    super(scope, {
      model,
      role: copy ? `RecoveryVault-${props.region}` : 'RecoveryVault',
      description: `${model.estate.name}: locked recovery vault in the backup account${copy ? ` (${props.region} copy)` : ''}`,
      stateful: true,
      account: model.settings.accounts.backup,
      ...(props.region ? { region: props.region } : {}),
    });
    applyTags(this, model.sharedTags);
    this.recovery = new RecoveryVault(this, 'Recovery', {
      vaultName: recoveryVaultName(model.estate.id),
      policy: model.settings.backup,
      sourceAccounts: [model.settings.accounts.production, model.settings.accounts.nonProduction],
      administration: model.settings.keyAdministration,
      ...(model.settings.organisation.id ? { organizationId: model.settings.organisation.id } : {}),
      shortestCopiedRetentionDays: shortestRetentionDays(TIER_SCHEDULES),
    });
    // The home region's stack is the backup account's baseline: its detector and vault alerts.
    if (!copy) {
      this.recovery.key.addToResourcePolicy(eventsPublishStatement(model.settings.accounts.backup));
      this.baseline = new RecoveryAccountBaseline(this, 'Baseline', {
        vaultName: recoveryVaultName(model.estate.id),
        key: this.recovery.key,
        emails: model.settings.backup.notifyEmails,
        // A backup account that is also a workload account has its detector there already.
        guardDuty:
          !model.settings.organisation.provides.guardDuty &&
          ![model.settings.accounts.production, model.settings.accounts.nonProduction].includes(
            model.settings.accounts.backup,
          ),
      });
    }
    const copyRegion = model.settings.backup.copyRegion;
    if (!copy && copyRegion) {
      // Cross-account copies land here; the backup account copies them on to the copy region.
      this.copy = new RecoveryPointCopy(this, 'CopyToCopyRegion', {
        vaultName: recoveryVaultName(model.estate.id),
        vaultArn: this.recovery.vault.backupVaultArn,
        vaultKey: this.recovery.key,
        copyRegion,
        copyVaultArn: recoveryVaultArn(this, model.estate.id, model.settings.accounts.backup, copyRegion),
        allowedRegions: model.settings.estate.allowedRegions,
        copyClassifications: COPY_REGION_CLASSIFICATIONS,
        copyRoleName: recoveryCopyRoleName(model.estate.id),
        administration: model.settings.keyAdministration,
        ...(this.baseline ? { alertsTopic: this.baseline.topic } : {}),
      });
      // The workload accounts send their completed copy jobs here (lib/backup/copy-event-forwarding).
      new CopyEventReceiving(this, 'CopyEvents', {
        sourceAccounts: [model.settings.accounts.production, model.settings.accounts.nonProduction],
        ...(model.settings.organisation.id ? { organizationId: model.settings.organisation.id } : {}),
      });
    }
    // The copy region's vault key lets the home region's copy role in (the home stack comes first).
    if (copy && props.region === copyRegion)
      this.recovery.key.addToResourcePolicy(
        recoveryCopyKeyStatement(this, recoveryCopyRoleName(model.estate.id), props.region),
      );
    if (props.createAdministrationRoles) {
      const roles = new AdministrationRoles(this, 'Administration', {
        administration: model.settings.keyAdministration,
      });
      this.recovery.node.addDependency(roles);
    }
  }
}
