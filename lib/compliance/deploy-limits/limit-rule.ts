/** A synthesized template, as the deploy-limit rules see it. */
export interface StackTemplate {
  /** Stack name (the template file's base name without `.template.json`). */
  readonly stackName: string;
  readonly templatePath: string;
  /** Size of the template file in bytes, as CloudFormation receives it. */
  readonly bytes: number;
  readonly template: {
    readonly Resources?: Readonly<
      Record<string, { readonly Type: string; readonly Properties?: Record<string, unknown> }>
    >;
    readonly Outputs?: Readonly<
      Record<string, { readonly Value?: unknown; readonly Export?: { readonly Name?: unknown } }>
    >;
  };
}

/** One resource (or whole template, with no logical id) over a limit. */
export interface LimitViolation {
  readonly templatePath: string;
  /** @default - the template as a whole */
  readonly logicalId?: string;
  /** What was measured against the limit, e.g. "61 inbound rules (limit 60)". */
  readonly measured: string;
}

/**
 * A limit that CloudFormation or the service enforces when the stack is deployed, but synth does
 * not: a pure function from every template of the app to the places over the limit.
 */
export interface LimitRule {
  /** Suffix of the rule id: the full id is `DeployLimits-<id>`. */
  readonly id: string;
  /** One-line finding. */
  readonly info: string;
  /** The limit, and the AWS documentation page it comes from. */
  readonly source: string;
  evaluate(templates: readonly StackTemplate[]): LimitViolation[];
}

/** The resources of one type in a template, with their logical ids. */
export function resourcesOfType(
  t: StackTemplate,
  type: string,
): { readonly logicalId: string; readonly properties: Record<string, unknown> }[] {
  return Object.entries(t.template.Resources ?? {})
    .filter(([, r]) => r.Type === type)
    .map(([logicalId, r]) => ({ logicalId, properties: r.Properties ?? {} }));
}
