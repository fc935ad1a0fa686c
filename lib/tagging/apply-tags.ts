import { Tags } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { TagSet } from '../estate-model/tag-set';

/** Applies a tag set to every taggable resource under `scope` (Tags.of). */
export function applyTags(scope: IConstruct, tags: TagSet): void {
  for (const [key, value] of Object.entries(tags)) {
    if (value !== undefined) Tags.of(scope).add(key, value);
  }
}
