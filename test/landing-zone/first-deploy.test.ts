/**
 * First deploy, over both bundled estates (issue 22): resources a service checks at creation are
 * created after the policies they need; Session Manager, secrets, the recovery vault, the exit
 * bucket, backup copies, access shards and endpoint policies hold what the issue asks.
 */
import { join } from 'node:path';
import { ESTATE_PLAN_CHECKS } from '../../lib/app';
import { loadPlan } from '../../lib/plan';
import { creationNeeds } from './support/creation-order';
import { synthEstate, type SynthesizedEstate } from './support/estate';

type Json = Record<string, unknown>;

const ESTATES = ['peterborough', 'northvale'] as const;
const synthesized = new Map<string, SynthesizedEstate>();
function estate(id: (typeof ESTATES)[number]): SynthesizedEstate {
  let e = synthesized.get(id);
  if (!e) {
    const plan = loadPlan(join(__dirname, '..', '..', 'migration-plans', id), { checks: ESTATE_PLAN_CHECKS });
    e = synthEstate(plan, `l-first-deploy-${id}`);
    synthesized.set(id, e);
  }
  return e;
}
const templateJson = (e: SynthesizedEstate, name: string): Json =>
  e.template(e.all.find((s) => s.stackName === name)!).toJSON();

describe.each(ESTATES)('the %s estate', (id) => {
  test('every resource a service checks at creation depends on the policies of its stack it needs', () => {
    const e = estate(id);
    const needs = e.all.flatMap((s) =>
      creationNeeds(templateJson(e, s.stackName) as never).map((n) => ({ stack: s.stackName, ...n })),
    );
    // The cases the issue names are among them (both estates have backup vaults and flow logs).
    expect(needs.map((n) => n.type)).toEqual(
      expect.arrayContaining([
        'AWS::Backup::BackupVault',
        'AWS::EC2::FlowLog',
        'AWS::StepFunctions::StateMachine',
      ]),
    );
    if (id === 'peterborough')
      expect(needs.map((n) => n.type)).toEqual(
        expect.arrayContaining(['AWS::Lambda::Function', 'AWS::Budgets::Budget', 'AWS::Scheduler::Schedule']),
      );
    expect(needs.filter((n) => n.missing.length > 0)).toEqual([]);
  });
});
