/**
 * The shape every rule pack of the estate takes (the UK public-sector pack in lib/compliance, the
 * exit-readiness pack in lib/exit): a rule is a small pure function from a resource, and a
 * context the pack builds, to compliant / non-compliant / not applicable; a pack is a cdk-nag
 * `NagPack` that applies each of its rules to every resource, cdk-nag 3's custom-pack contract
 * (subclass `NagPack`, implement `checkResource`, call `applyRule` per rule).
 */
import type { CfnResource } from 'aws-cdk-lib';
import {
  NagPack,
  type IApplyRule,
  type NagMessageLevel,
  type NagPackProps,
  type NagRuleCompliance,
} from 'cdk-nag';
import type { IConstruct } from 'constructs';

/** One rule: a pure function from a resource (and the pack's context) to a compliance result. */
export interface Rule<Context> {
  /** Suffix of the rule id: the full id is `<pack name>-<id>`. */
  readonly id: string;
  /** One-line finding. */
  readonly info: string;
  /** Why the rule exists. */
  readonly explanation: string;
  readonly level: NagMessageLevel;
  /** Throws when it cannot decide; cdk-nag then reports an error, never a pass. */
  evaluate(node: CfnResource, context: Context): NagRuleCompliance;
}

/**
 * A cdk-nag pack made of `Rule`s: subclasses give the pack name, the rules and the context each
 * resource is evaluated in, and may wrap each rule application (to record it in a ledger).
 */
export abstract class RulePack<Context, R extends Rule<Context> = Rule<Context>> extends NagPack {
  protected constructor(
    scope: IConstruct | undefined,
    props: NagPackProps | undefined,
    packName: string,
    private readonly rules: readonly R[],
  ) {
    super(scope, props);
    this.packName = packName;
  }

  /** The context every rule sees when it evaluates `node`. */
  protected abstract contextFor(node: CfnResource): Context;

  /** The rule application to apply; by default as it is. */
  protected wrap(params: IApplyRule, _rule: R): IApplyRule {
    return params;
  }

  protected checkResource(node: CfnResource): void {
    const context = this.contextFor(node);
    for (const rule of this.rules) {
      this.applyRule(
        this.wrap(
          {
            ruleSuffixOverride: rule.id,
            info: rule.info,
            explanation: rule.explanation,
            level: rule.level,
            node,
            rule: (n: CfnResource) => rule.evaluate(n, context),
          },
          rule,
        ),
      );
    }
  }
}
