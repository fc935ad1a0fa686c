/** Illustrative image ids: the bundled plans mark theirs, and loading a plan warns about each. */
import { join } from 'node:path';
import { ESTATE_PLAN_WARNINGS } from '../../lib/app';
import { formatWarning, illustrativeImages, loadPlan } from '../../lib/plan';
import { buildPlan, minimalPlanInput } from '../support/plan-builder';

const PLANS = join(__dirname, '..', '..', 'migration-plans');

test('peterborough: four image-lock entries (the exit staging worker among them) and six imported image ids are illustrative, each warned once', () => {
  const plan = loadPlan(join(PLANS, 'peterborough'), { warnings: ESTATE_PLAN_WARNINGS });
  const images = illustrativeImages(plan);
  expect(images.filter((i) => i.file === 'image-lock.yaml')).toHaveLength(4);
  expect(images.filter((i) => i.file === 'servers.yaml')).toHaveLength(6);
  const warnings = plan.warnings.map(formatWarning).filter((w) => w.includes('is marked illustrative'));
  expect(warnings).toHaveLength(10);
  expect(warnings).toContainEqual(
    expect.stringMatching(
      /^warning: servers\.yaml:\d+:\d+ servers\[\d+\]\.image\.importedImageId: is marked illustrative \(server [\w-]+\)/,
    ),
  );
});

test('northvale: its one image-lock entry is illustrative', () => {
  const plan = loadPlan(join(PLANS, 'northvale'), { warnings: ESTATE_PLAN_WARNINGS });
  expect(illustrativeImages(plan).map((i) => `${i.file} ${i.usedFor}`)).toEqual([
    expect.stringMatching(/^image-lock\.yaml [\w.-]+ in eu-west-2$/),
  ]);
});

test('a plan whose ids are not marked has no illustrative image', () => {
  expect(illustrativeImages(buildPlan(minimalPlanInput()))).toEqual([]);
});
