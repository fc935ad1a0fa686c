import { Aspects, Tag } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

const KEY = 'DataClassification';

function ownTag(c: IConstruct): string | undefined {
  let value: string | undefined;
  for (const aspect of Aspects.of(c).all)
    if (aspect instanceof Tag && aspect.key === KEY) value = aspect.value;
  return value;
}

/**
 * The DataClassification values of everything under `construct`, read from the `Tags.of(...)`
 * calls that will tag it (the nearest ancestor's value and any given below). Works before
 * synthesis, when the tags are still aspects.
 */
export function classificationsUnder(construct: IConstruct): Set<string> {
  const found = new Set<string>();
  for (let c: IConstruct | undefined = construct; c; c = c.node.scope) {
    const v = ownTag(c);
    if (v !== undefined) {
      found.add(v);
      break;
    }
  }
  for (const c of construct.node.findAll()) {
    if (c === construct) continue;
    const v = ownTag(c);
    if (v !== undefined) found.add(v);
  }
  return found;
}
