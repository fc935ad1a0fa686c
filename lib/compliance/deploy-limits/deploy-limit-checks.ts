import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type {
  IPolicyValidationContext,
  IPolicyValidationPlugin,
  PolicyValidationPluginReport,
  PolicyViolation,
} from 'aws-cdk-lib';
import type { LimitRule, StackTemplate } from './limit-rule';
import { DEPLOY_LIMIT_RULES } from './rules';

export const DEPLOY_LIMITS_PACK = 'DeployLimits';

export interface DeployLimitChecksProps {
  /** @default every rule of the pack */
  readonly rules?: readonly LimitRule[];
  /** Reads a template the CDK hands the plugin. @default the file's text */
  readonly readTemplate?: (path: string) => string;
}

/** Parses the templates the CDK hands a validation plugin. */
export function stackTemplates(paths: readonly string[], read: (path: string) => string): StackTemplate[] {
  return paths.map((templatePath) => {
    const text = read(templatePath);
    return {
      stackName: basename(templatePath).replace(/\.template\.json$/, ''),
      templatePath,
      bytes: Buffer.byteLength(text),
      template: JSON.parse(text) as StackTemplate['template'],
    };
  });
}

/**
 * Limits CloudFormation or the service enforces when a stack is deployed and synth does not see
 * (list sizes, policy sizes, template size, resources and outputs per stack), checked on the
 * synthesized templates: each finding is an error naming the measured value, the limit and the
 * AWS page it comes from. Resources are judged with their references resolved to placeholders as
 * long as what they usually become, so a policy within its limit here stays within it deployed.
 */
export class DeployLimitChecks implements IPolicyValidationPlugin {
  readonly name = DEPLOY_LIMITS_PACK;
  readonly version = '1';
  readonly ruleIds: string[];
  private readonly rules: readonly LimitRule[];
  private readonly read: (path: string) => string;

  constructor(props: DeployLimitChecksProps = {}) {
    this.rules = props.rules ?? DEPLOY_LIMIT_RULES;
    this.read = props.readTemplate ?? ((p) => readFileSync(p, 'utf8'));
    this.ruleIds = this.rules.map((r) => `${DEPLOY_LIMITS_PACK}-${r.id}`);
  }

  validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const templates = stackTemplates(context.templatePaths, this.read);
    const violations = deployLimitViolations(templates, this.rules);
    return { success: violations.length === 0, violations };
  }
}

/** The pack's findings on `templates`, one violation per rule and place over its limit. */
export function deployLimitViolations(
  templates: readonly StackTemplate[],
  rules: readonly LimitRule[] = DEPLOY_LIMIT_RULES,
): PolicyViolation[] {
  const firstResource = (path: string) =>
    Object.keys(templates.find((t) => t.templatePath === path)?.template.Resources ?? {})[0] ?? '';
  return rules.flatMap((rule) =>
    rule.evaluate(templates).map((v) => ({
      ruleName: `${DEPLOY_LIMITS_PACK}-${rule.id}`,
      description: `${rule.info} ${basename(v.templatePath)}${v.logicalId ? ` ${v.logicalId}` : ''}: ${v.measured}.`,
      fix: rule.source,
      severity: 'error',
      violatingResources: [
        {
          resourceLogicalId: v.logicalId ?? firstResource(v.templatePath),
          templatePath: v.templatePath,
          locations: [],
        },
      ],
    })),
  );
}
