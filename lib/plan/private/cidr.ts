/** IPv4 CIDR arithmetic on integers (no strings compared). */

export interface Cidr {
  /** Network address as an unsigned 32-bit integer. */
  readonly base: number;
  readonly prefix: number;
}

/** Parses `a.b.c.d/p`; returns a reason when it is not a valid block. */
export function parseCidr(text: string): { cidr: Cidr } | { error: string; allowed: string } {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
  if (!m) return { error: 'must be an IPv4 CIDR', allowed: 'a.b.c.d/prefix' };
  const octets = m.slice(1, 5).map(Number);
  if (octets.some((o) => o > 255)) return { error: 'has an octet above 255', allowed: 'octets 0-255' };
  const prefix = Number(m[5]);
  if (prefix > 32) return { error: 'has a prefix above 32', allowed: '/0 to /32' };
  const addr = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  if (addr % size !== 0) {
    const base = addr - (addr % size);
    return {
      error: 'is not aligned to its prefix (host bits set)',
      allowed: `${formatAddress(base)}/${prefix}`,
    };
  }
  return { cidr: { base: addr, prefix } };
}

export function formatAddress(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  const aEnd = a.base + 2 ** (32 - a.prefix);
  const bEnd = b.base + 2 ** (32 - b.prefix);
  return a.base < bEnd && b.base < aEnd;
}
