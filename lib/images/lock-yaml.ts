/** image-lock.yaml as text: a fixed header, then one entry per image, in a stable order. */
import { stringify } from 'yaml';
import type { ImageLockEntry } from '../plan/image-lock';

export function imageLockYaml(entries: readonly ImageLockEntry[]): string {
  const header = [
    '# Pinned base images: written by `npm run estate -- images refresh` from the public SSM',
    '# parameters; review the diff before committing. Synth reads only this file, never "latest".',
    '# Entries with `source: manual` were pinned by hand and are never changed by the command.',
  ].join('\n');
  const body = stringify({ images: entries.map((e) => ({ ...e })) }, { lineWidth: 0 });
  return `${header}\n${body}`;
}
