/**
 * The F3006 acknowledgement for the AWS::MGN types is scoped to those resources: with the
 * project's validation context (errors fail synth), MGN resources synthesize, and an unknown type
 * anywhere else, even in the same stack, still fails.
 */
import { CfnResource, Stack } from 'aws-cdk-lib';
import { acknowledgeMgnResourceTypes } from '../../lib/app/mgn-resource-types';
import { MgnLaunchTemplate, MgnWaves } from '../../lib/migration';
import { loadPlan } from '../../lib/plan';
import { testApp } from '../app/support/cdk-app';

const plan = loadPlan('migration-plans/peterborough');

function stackWithMgn() {
  const app = testApp('mgn-f3006');
  const stack = new Stack(app, 'Mgn', { env: { account: '123456789012', region: 'eu-west-2' } });
  const launch = new MgnLaunchTemplate(stack, 'Launch', { estateId: 'test' });
  const waves = new MgnWaves(stack, 'Waves', {
    applications: plan.applications.slice(0, 1),
    waves: plan.waves.slice(0, 1),
  });
  return {
    app,
    stack,
    resources: [launch.template, ...waves.applications.values(), ...waves.waves.values()],
  };
}

test('without the acknowledgement the validator fails synth on the MGN types (F3006)', () => {
  const { app } = stackWithMgn();
  expect(() => app.synth()).toThrow(/F3006/);
});

test('acknowledged on the MGN resources, the stack synthesizes', () => {
  const { app, stack } = stackWithMgn();
  acknowledgeMgnResourceTypes(stack);
  expect(() => app.synth()).not.toThrow();
});

test('another unknown type in the same stack still fails synth', () => {
  const { app, stack } = stackWithMgn();
  new CfnResource(stack, 'Bogus', { type: 'AWS::Bogus::Thing' });
  acknowledgeMgnResourceTypes(stack);
  expect(() => app.synth()).toThrow(/F3006/);
});
