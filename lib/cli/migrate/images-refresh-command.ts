/** `estate images refresh`: pin the plan's base images from AWS's public SSM parameters. */
import { join } from 'node:path';
import { GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import { EXIT, type Command } from '../command';
import { imageLockYaml, imagesToPin, parametersFor, refreshLock } from '../../images';
import { IMAGE_LOCK_FILE } from '../../plan/image-lock';
import { buildEstateModel } from '../../estate-model/build-estate-model';
import { awsClient } from '../aws-clients';
import { flagOption, planDirOption, stringOption } from '../private/options';
import { loadPlanForCli } from '../plan-load';
import { writeFileAtomic } from './private/atomic-write';

/** GetParameters takes at most 10 names per call. */
const BATCH = 10;

export const imagesRefreshCommand: Command = {
  path: ['images', 'refresh'],
  summary: 'Pin the base images of rebuild servers in image-lock.yaml from the public SSM parameters',
  usage: [
    'Usage: npm run estate -- images refresh [--plan DIR] [--dry-run] [--endpoint URL]',
    '',
    "Reads the public SSM parameter of every base image the plan's rebuild servers use, in the",
    'estate region, and writes the AMI ids to <plan>/image-lock.yaml. Review the diff before',
    'committing: synth reads only that file. Hand-pinned entries (source: manual) are kept.',
    '',
    'Options:',
    '  --plan DIR       plan folder (default: the "plan" context in cdk.json)',
    '  --dry-run        show what would change; write nothing',
    '  --endpoint URL   SSM endpoint (default: AWS_ENDPOINT_URL, else the public one)',
    'Exit codes: 0 done, 1 the API failed, 2 bad arguments or plan.',
  ].join('\n'),
  options: { plan: { type: 'string' }, 'dry-run': { type: 'boolean' }, endpoint: { type: 'string' } },
  async run(args, io) {
    const dir = planDirOption(args, io);
    // The pin check itself must not stop the command that fixes it: structure and meaning only.
    const plan = loadPlanForCli(dir, io, []);
    if (!plan) return EXIT.badInput;
    const wanted = imagesToPin(buildEstateModel(plan));
    const names = parametersFor(wanted);
    // Three attempts: the SDK's default, which this command has always used.
    const client = awsClient(SSMClient, io, 'SSM', plan.estate.region, {
      endpoint: stringOption(args, 'endpoint'),
      maxAttempts: 3,
    });
    const values = new Map<string, string>();
    try {
      for (let i = 0; i < names.length; i += BATCH) {
        const out = await client.send(new GetParametersCommand({ Names: names.slice(i, i + BATCH) }));
        for (const p of out.Parameters ?? []) {
          if (p.Name && p.Value) values.set(p.Name, p.Value);
        }
      }
    } catch (e) {
      io.stderr(`images refresh: SSM GetParameters failed: ${e instanceof Error ? e.message : String(e)}\n`);
      return EXIT.failure;
    } finally {
      client.destroy();
    }
    const result = refreshLock({
      previous: [...plan.imageLock],
      region: plan.estate.region,
      wanted,
      values,
      today: io.now().toISOString().slice(0, 10),
    });
    for (const c of result.changes) {
      const detail =
        c.kind === 'changed'
          ? `${c.previous} -> ${c.imageId}`
          : c.kind === 'added' || c.kind === 'unchanged'
            ? c.imageId
            : c.kind === 'no-parameter'
              ? `no verified public parameter: pin it by hand (source: manual) or use importedImageId${c.previous ? `; kept ${c.previous}` : ''}`
              : `parameter not returned${c.previous ? `; kept ${c.previous}` : ''}`;
      io.stdout(`  ${c.kind.padEnd(12)} ${c.baseImage.padEnd(20)} ${detail}\n`);
    }
    const changed = result.changes.some((c) => c.kind === 'added' || c.kind === 'changed');
    const file = join(dir.absolute, IMAGE_LOCK_FILE);
    if (flagOption(args, 'dry-run')) {
      io.stdout(
        `Dry run: ${changed ? 'would update' : 'no change to'} ${join(dir.shown, IMAGE_LOCK_FILE)}\n`,
      );
    } else if (changed) {
      writeFileAtomic(file, imageLockYaml(result.entries));
      io.stdout(`Wrote ${join(dir.shown, IMAGE_LOCK_FILE)}: review the diff before committing.\n`);
    } else {
      io.stdout(`${join(dir.shown, IMAGE_LOCK_FILE)} is up to date.\n`);
    }
    const missing = result.changes.filter((c) => c.kind === 'no-parameter' || c.kind === 'not-returned');
    return missing.some((c) => c.previous === undefined) ? EXIT.failure : EXIT.ok;
  },
};
