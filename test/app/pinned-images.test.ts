/**
 * W9010 (an AMI id written into a template) is acknowledged on the migrated servers' instances
 * only (lib/app/pinned-images.ts): an AMI id anywhere else still warns. The bundled example's
 * answered findings are checked in test/compliance/bundled-example.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { acknowledgePinnedImages } from '../../lib/app/pinned-images';
import { parseValidationReport } from '../../lib/shared/validation-report';
import { tinyApp, tinyStack } from '../compliance/support/tiny-app';

test('an instance that is not a migrated server keeps its W9010 warning', () => {
  const app = tinyApp({ '@aws-cdk/core:failSynthOnValidationErrors': false });
  const stack = tinyStack(app, 'Other');
  new ec2.CfnInstance(stack, 'Handmade', { imageId: 'ami-0123456789abcdef0', instanceType: 't3.micro' });
  acknowledgePinnedImages(app);
  const dir = app.synth().directory;
  const report = parseValidationReport(readFileSync(join(dir, 'validation-report.json'), 'utf8'), dir);
  const validate = report.pluginReports.find((p) => p.pluginName === 'CloudFormation Validate')!;
  const w9010 = validate.violations.filter((v) => v.ruleName.endsWith('W9010'));
  expect(w9010.flatMap((v) => v.violatingConstructs.map((c) => c.constructPath))).toEqual(['Other/Handmade']);
  expect((validate.suppressedViolations ?? []).filter((v) => v.ruleName.endsWith('W9010'))).toEqual([]);
});
