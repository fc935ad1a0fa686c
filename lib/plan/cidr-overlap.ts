/** CIDR questions later stages ask of a validated plan (the arithmetic lives in private/cidr). */
import { overlaps, parseCidr } from './private/cidr';

/** True when two valid IPv4 blocks share an address; false when either is not a valid block. */
export function cidrsOverlap(a: string, b: string): boolean {
  const x = parseCidr(a);
  const y = parseCidr(b);
  return 'cidr' in x && 'cidr' in y && overlaps(x.cidr, y.cidr);
}

/** True when `outer` holds every address of `inner`. */
export function cidrCovers(outer: string, inner: string): boolean {
  const x = parseCidr(outer);
  const y = parseCidr(inner);
  return 'cidr' in x && 'cidr' in y && x.cidr.prefix <= y.cidr.prefix && overlaps(x.cidr, y.cidr);
}
