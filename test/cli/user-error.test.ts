/** One base class for every error a user sees: the CLI prints it without a stack, with its exit code. */
import { runCli, UsageError, type Command } from '../../lib/cli';
import { RegisterError, RuleEvaluationError } from '../../lib/compliance';
import { ComparisonError } from '../../lib/cost/comparison';
import { CostExplorerError } from '../../lib/cost/cost-explorer';
import { FocusExportError } from '../../lib/cost/focus';
import { PricingError } from '../../lib/cost/pricing';
import { PlanError } from '../../lib/plan';
import { EXIT, UserError } from '../../lib/shared/user-error';
import { SizingError } from '../../lib/sizing';
import { captureIo } from './capture-io';

function throwing(error: unknown): Command {
  return { path: ['boom'], summary: '', usage: 'Usage: boom', options: {}, run: () => Promise.reject(error) };
}

describe('UserError', () => {
  test('every user-facing error class extends it, with the exit code the CLI returns', () => {
    const problem = { file: 'x.yaml', path: 'a', message: 'is wrong' };
    const errors: [UserError, number][] = [
      [new PlanError([problem]), EXIT.badInput],
      [new RegisterError([problem], 'compliance-register.yaml'), EXIT.badInput],
      [new UsageError('bad flag'), EXIT.badInput],
      [new SizingError('no type fits'), EXIT.failure],
      [new CostExplorerError('throttled'), EXIT.failure],
      [new FocusExportError('no files'), EXIT.failure],
      [new ComparisonError('no rate'), EXIT.failure],
      [new PricingError('no price'), EXIT.failure],
      [new RuleEvaluationError('cannot evaluate'), EXIT.failure],
    ];
    for (const [e, code] of errors) {
      expect(e).toBeInstanceOf(UserError);
      expect([e.name, e.exitCode]).toEqual([e.constructor.name, code]);
    }
  });

  test('the CLI prints the message and the hint, no stack trace, and returns the exit code', async () => {
    const io = captureIo();
    const error = new UserError('The export is empty.', { exitCode: 1, hint: 'pass --focus with a folder' });
    expect(await runCli(['boom'], io, [throwing(error)])).toBe(1);
    expect(io.err()).toBe('The export is empty.\nWhat to do: pass --focus with a folder\n');
  });

  test('anything else is not caught: it is a bug, reported by bin/ as unexpected', async () => {
    await expect(runCli(['boom'], captureIo(), [throwing(new Error('bug'))])).rejects.toThrow('bug');
  });
});
