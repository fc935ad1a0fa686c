import type { CfnResource, IPolicyValidationContext, PolicyValidationPluginReport } from 'aws-cdk-lib';
import type { IApplyRule, NagPackProps } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { DataClassificationSchema, EnvironmentSchema } from '../../plan/schema';
import type { EstateModel } from '../../estate-model/estate-model';
import { ESTATE_TAG_KEYS } from '../../estate-model/tag-set';
import { recordedRule, type ComplianceLedger } from '../ledger';
import { buildAppIndex, type AppIndex } from './private/app-index';
import { RulePack } from '../../shared/rule-pack';
import type { UkPublicSectorFacts, UkRule, UkRuleContext } from './rule';
import { UK_RULES } from './rules';

/** The tags every taggable resource of the estate must carry: the keys lib/tagging applies. */
export const MANDATORY_TAGS = ESTATE_TAG_KEYS;

export const UK_PACK_NAME = 'UKPublicSector';

export interface UkPublicSectorChecksProps extends NagPackProps {
  /** Regions resources may be deployed to (the plan's `estate.allowedRegions`). */
  readonly allowedRegions: readonly string[];
  /** The plan's `finance.billingConfigurationRegion`. @default - none: every resource in allowedRegions */
  readonly billingConfigurationRegion?: string;
  /** @default MANDATORY_TAGS */
  readonly requiredTags?: readonly string[];
  /** @default the plan schema's DataClassification values (OFFICIAL, OFFICIAL-SENSITIVE) */
  readonly dataClassifications?: readonly string[];
  /** @default the plan schema's Environment values */
  readonly environments?: readonly string[];
  /** Tag the backup selections select on. @default 'BackupTier' */
  readonly backupTagKey?: string;
  /** Where every result (pass, fail, suppressed, not applicable) is recorded. @default - not recorded */
  readonly ledger?: ComplianceLedger;
}

/**
 * UK public-sector checks: data location, customer-managed encryption, mandatory tags and
 * Government Security Classifications, backup coverage, no public exposure, TLS to databases,
 * flow logs and secret rotation. Each rule maps to the NCSC Cloud Security Principles it evidences.
 */
export class UkPublicSectorChecks extends RulePack<UkRuleContext, UkRule> {
  readonly name = UK_PACK_NAME;
  readonly facts: UkPublicSectorFacts;
  private readonly ledger?: ComplianceLedger;
  private indexes = new WeakMap<IConstruct, AppIndex>();

  /** The pack configured from the estate model's settings (allowed regions, finance region). */
  static fromModel(
    scope: IConstruct,
    model: EstateModel,
    props: Omit<UkPublicSectorChecksProps, 'allowedRegions' | 'billingConfigurationRegion'> = {},
  ): UkPublicSectorChecks {
    return new UkPublicSectorChecks(scope, {
      ...props,
      allowedRegions: model.settings.estate.allowedRegions,
      ...(model.settings.finance
        ? { billingConfigurationRegion: model.settings.finance.billingConfigurationRegion }
        : {}),
    });
  }

  constructor(scope: IConstruct | undefined, props: UkPublicSectorChecksProps) {
    super(scope, props, UK_PACK_NAME, UK_RULES);
    if (props.allowedRegions.length === 0)
      throw new Error('UkPublicSectorChecks: allowedRegions is empty; give at least one region');
    this.ledger = props.ledger;
    this.facts = {
      allowedRegions: [...props.allowedRegions],
      ...(props.billingConfigurationRegion
        ? { billingConfigurationRegion: props.billingConfigurationRegion }
        : {}),
      requiredTags: [...(props.requiredTags ?? MANDATORY_TAGS)],
      dataClassifications: [...(props.dataClassifications ?? DataClassificationSchema.options)],
      environments: [...(props.environments ?? EnvironmentSchema.options)],
      backupTagKey: props.backupTagKey ?? 'BackupTier',
    };
  }

  override validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    this.ledger?.resetPack(UK_PACK_NAME);
    this.indexes = new WeakMap();
    return super.validate(context);
  }

  /** The plan facts and an index of the whole app (built once per app and validation). */
  protected contextFor(node: CfnResource): UkRuleContext {
    const root = node.node.root;
    let index = this.indexes.get(root);
    if (!index) {
      index = buildAppIndex(root, this.facts.backupTagKey);
      this.indexes.set(root, index);
    }
    return { facts: this.facts, index };
  }

  /** Every result also goes to the ledger, with the NCSC principles the rule evidences. */
  protected override wrap(params: IApplyRule, rule: UkRule): IApplyRule {
    return this.ledger ? recordedRule(this.ledger, UK_PACK_NAME, params, () => rule.ncsc) : params;
  }
}
