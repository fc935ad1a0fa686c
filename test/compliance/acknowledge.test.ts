/**
 * lib/compliance/acknowledge.ts: an acknowledgement as aws-cdk-lib records it, with its reason,
 * and with the call stack beside it cut to the function that made the decision; the process's
 * stack trace limit is left as it was, also when aws-cdk-lib refuses the acknowledgement.
 */
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { acknowledge } from '../../lib/compliance';
import { acknowledgementReason } from '../../lib/compliance/ledger/acknowledgement';

function acknowledgedEntries(scope: Construct) {
  return scope.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY);
}

function decideForTheBucket(scope: Construct): void {
  acknowledge(scope, { id: 'AwsSolutions-S1', reason: 'the bucket is its own access-log destination' });
}

test('the reason is recorded as Validations.acknowledge records it; the trace ends at the deciding function', () => {
  const stack = new Stack(new App(), 'S');
  const bucket = new Construct(stack, 'Bucket');
  const before = Error.stackTraceLimit;
  decideForTheBucket(bucket);
  expect(Error.stackTraceLimit).toBe(before);
  expect(acknowledgementReason(bucket, 'AwsSolutions-S1')).toBe(
    'the bucket is its own access-log destination',
  );

  const [entry] = acknowledgedEntries(bucket);
  expect(entry?.trace).toHaveLength(3);
  expect(entry?.trace?.[2]).toContain('decideForTheBucket');
  // aws-cdk-lib's own call records the whole stack: more frames, down to the test runner.
  Validations.of(bucket).acknowledge({ id: 'AwsSolutions-S2', reason: 'r' });
  expect(acknowledgedEntries(bucket)[1]?.trace?.length).toBeGreaterThan(3);
});

test('the stack trace limit is restored when aws-cdk-lib refuses the acknowledgement', () => {
  const stack = new Stack(new App(), 'S');
  const before = Error.stackTraceLimit;
  expect(() => acknowledge(stack, { id: '::', reason: 'no plugin name' })).toThrow(
    /Invalid validation rule ID/,
  );
  expect(Error.stackTraceLimit).toBe(before);
});
