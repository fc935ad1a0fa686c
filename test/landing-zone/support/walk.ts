/** Walks synthesized templates and construct trees for estate-wide guardrail checks. */
import { CfnResource, TagManager, type Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

type Json = Record<string, unknown>;

export interface TemplateResource {
  readonly stack: string;
  readonly logicalId: string;
  readonly type: string;
  readonly properties: Json;
  readonly deletionPolicy?: string;
  readonly updateReplacePolicy?: string;
}

export function resourcesOf(stackName: string, template: Json): TemplateResource[] {
  const resources = (template.Resources ?? {}) as Record<string, Json>;
  return Object.entries(resources).map(([logicalId, r]) => ({
    stack: stackName,
    logicalId,
    type: r.Type as string,
    properties: (r.Properties ?? {}) as Json,
    deletionPolicy: r.DeletionPolicy as string | undefined,
    updateReplacePolicy: r.UpdateReplacePolicy as string | undefined,
  }));
}

/**
 * True when a KMS key reference points at a customer-managed key: an intrinsic (Ref, GetAtt,
 * ImportValue) or a key ARN, never an AWS-managed alias (alias/aws/...) and never absent.
 */
export function isCustomerManagedKey(ref: unknown): boolean {
  if (ref === undefined || ref === null || ref === '') return false;
  const text = JSON.stringify(ref);
  if (text.includes('alias/aws/')) return false;
  if (typeof ref === 'string') return /:key\/[0-9a-f-]+$/.test(ref);
  return /"(Ref|Fn::GetAtt|Fn::ImportValue|Fn::Join|Fn::GetStackOutput)"/.test(text);
}

/** Every taggable L1 resource under `scope`, with the tags it renders. */
export function taggableResources(
  scope: IConstruct,
): { path: string; type: string; tags: Record<string, string> }[] {
  const out: { path: string; type: string; tags: Record<string, string> }[] = [];
  for (const c of scope.node.findAll()) {
    if (!(c instanceof CfnResource) || !TagManager.isTaggable(c)) continue;
    const values = c.tags.tagValues();
    out.push({ path: c.node.path, type: c.cfnResourceType, tags: values });
  }
  return out;
}

export function stackNameOf(stack: Stack): string {
  return stack.stackName;
}
