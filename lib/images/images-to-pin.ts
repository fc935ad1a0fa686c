/** Which base images a plan needs pinned: those of its `rebuild` servers, in the estate region. */
import { serverEntry } from '../estate-model/routes/entry-route';
import type { Plan } from '../plan/plan';
import type { BaseImage } from '../plan/schema';

export function imagesToPin(plan: Plan): BaseImage[] {
  const wanted = new Set<BaseImage>();
  for (const server of plan.servers) {
    if (serverEntry(server).route !== 'rebuild') continue;
    if (server.image && 'baseImage' in server.image) wanted.add(server.image.baseImage);
  }
  return [...wanted].sort();
}
