/**
 * The length a template value will have once CloudFormation resolves its intrinsic functions,
 * estimated from above: a reference becomes a placeholder as long as what it usually resolves to
 * (an ARN 128 characters, a name or id 64, the account id 12, a region 14), so a policy judged
 * within its limit here stays within it when deployed. Written compactly (no white space), as IAM
 * and KMS count it.
 */
const PSEUDO: Readonly<Record<string, number>> = {
  'AWS::AccountId': 12,
  'AWS::Region': 14,
  'AWS::Partition': 10,
  'AWS::URLSuffix': 13,
  'AWS::StackName': 128,
  'AWS::StackId': 160,
  'AWS::NoValue': 0,
};
const ARN = 128;
const NAME = 64;

function placeholder(n: number): string {
  return 'x'.repeat(n);
}

function render(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(render);
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.length === 1) {
    const [k] = keys as [string];
    const v = obj[k];
    if (k === 'Ref') return placeholder(PSEUDO[String(v)] ?? NAME);
    if (k === 'Fn::GetAtt') {
      const attr = Array.isArray(v) ? String(v[1]) : String(v).split('.').slice(1).join('.');
      return placeholder(/Arn$/.test(attr) ? ARN : NAME);
    }
    if (k === 'Fn::ImportValue') return placeholder(ARN);
    if (k === 'Fn::Join' && Array.isArray(v)) {
      const [sep, parts] = v as [string, unknown[]];
      const rendered = (Array.isArray(parts) ? parts : [])
        .map(render)
        .map((p) => (typeof p === 'string' ? p : JSON.stringify(p)));
      return rendered.join(sep);
    }
    if (k === 'Fn::Sub') {
      const text = String(Array.isArray(v) ? v[0] : v);
      return text.replace(/\$\{([^}]+)\}/g, (_, name: string) => placeholder(PSEUDO[name] ?? ARN));
    }
    if (k.startsWith('Fn::')) return placeholder(ARN);
  }
  return Object.fromEntries(keys.map((key) => [key, render(obj[key])]));
}

/** Compact JSON length of `value` after resolution (estimated from above). */
export function renderedLength(value: unknown): number {
  const r = render(value);
  return typeof r === 'string' ? r.length : JSON.stringify(r).length;
}

/** UTF-8 byte length of the compact JSON of `value` after resolution (estimated from above). */
export function renderedBytes(value: unknown): number {
  const r = render(value);
  return Buffer.byteLength(typeof r === 'string' ? r : JSON.stringify(r));
}
