/**
 * Reads a synthesized template the way CloudFormation orders creation: for each resource whose
 * service checks permissions when the resource is created (a Lambda function's dead-letter topic,
 * a budget's SNS subscriber, Config's delivery bucket, a flow log's role...), the policies in the
 * same template that give those permissions, and whether the resource depends on them.
 */
type Json = Record<string, unknown>;
interface Resource {
  readonly Type: string;
  readonly Properties?: Json;
  readonly DependsOn?: string | string[];
}

/**
 * Resource types whose service checks, at creation, that a role, topic or bucket it is given
 * already grants what it needs (the AWS documentation of each: Lambda "dead-letter queues",
 * Budgets "Creating an Amazon SNS topic for budget notifications", Config "Permissions for the
 * Amazon S3 bucket", VPC "Publish flow logs", CloudTrail "Amazon S3 bucket policy", Cost Anomaly
 * Detection "SNS topic policy", Data Exports "Setting up an Amazon S3 bucket", Backup "vault
 * notifications", Step Functions and EventBridge Scheduler "execution role").
 */
export const CHECKED_AT_CREATION: readonly string[] = [
  'AWS::Lambda::Function',
  'AWS::Lambda::EventInvokeConfig',
  'AWS::StepFunctions::StateMachine',
  'AWS::Scheduler::Schedule',
  'AWS::Events::Rule',
  'AWS::Budgets::Budget',
  'AWS::Backup::BackupVault',
  'AWS::Config::ConfigurationRecorder',
  'AWS::Config::DeliveryChannel',
  'AWS::EC2::FlowLog',
  'AWS::CloudTrail::Trail',
  'AWS::CE::AnomalySubscription',
  'AWS::BCMDataExports::Export',
  'AWS::RDS::DBInstance',
];

/** One resource that needs a policy of the same template in place before it is created. */
export interface CreationNeed {
  readonly resource: string;
  readonly type: string;
  /** Logical ids of the policies it needs (role policies, topic policies, bucket policies). */
  readonly needs: readonly string[];
  /** Those it does not depend on. */
  readonly missing: readonly string[];
}

function referencedIds(value: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const v of value) referencedIds(v, out);
  else if (value && typeof value === 'object') {
    const o = value as Json;
    if (typeof o.Ref === 'string') out.add(o.Ref);
    const getAtt = o['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') out.add(getAtt[0]);
    for (const v of Object.values(o)) referencedIds(v, out);
  }
  return out;
}

function dependsOn(r: Resource): string[] {
  return r.DependsOn === undefined ? [] : Array.isArray(r.DependsOn) ? r.DependsOn : [r.DependsOn];
}

/** Every resource of a checked type with the policies of its template it needs. */
export function creationNeeds(template: { Resources?: Record<string, Resource> }): CreationNeed[] {
  const resources = template.Resources ?? {};
  const policiesOf = new Map<string, string[]>(); // role, topic or bucket id -> policy ids
  const add = (target: string, policy: string) =>
    policiesOf.set(target, [...(policiesOf.get(target) ?? []), policy]);
  for (const [id, r] of Object.entries(resources)) {
    const p = r.Properties ?? {};
    if (r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy')
      for (const role of referencedIds(p.Roles ?? [], new Set())) add(role, id);
    if (r.Type === 'AWS::SNS::TopicPolicy')
      for (const topic of referencedIds(p.Topics ?? [], new Set())) add(topic, id);
    if (r.Type === 'AWS::S3::BucketPolicy') for (const b of referencedIds(p.Bucket, new Set())) add(b, id);
    if (r.Type === 'AWS::IAM::Role')
      for (const m of referencedIds(p.ManagedPolicyArns ?? [], new Set()))
        if (resources[m]?.Type === 'AWS::IAM::ManagedPolicy') add(id, m);
  }
  const needs: CreationNeed[] = [];
  for (const [id, r] of Object.entries(resources)) {
    if (!CHECKED_AT_CREATION.includes(r.Type)) continue;
    const refs = referencedIds(r.Properties ?? {}, new Set());
    const required = [...new Set([...refs].flatMap((ref) => policiesOf.get(ref) ?? []))]
      .filter((p) => !referencedIds(resources[p]?.Properties ?? {}, new Set()).has(id))
      .sort();
    if (required.length === 0) continue;
    const deps = dependsOn(r);
    needs.push({
      resource: id,
      type: r.Type,
      needs: required,
      missing: required.filter((p) => !deps.includes(p)),
    });
  }
  return needs;
}
