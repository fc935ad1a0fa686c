import { createHash } from 'node:crypto';

/**
 * A small seeded pseudo-random generator (mulberry32): the same seed gives the same sequence on
 * every machine. Never Math.random: sample data must be reproducible byte for byte.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: string) {
    this.state = createHash('sha256').update(seed).digest().readUInt32LE(0);
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A whole number in [min, max], inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A decimal string with `decimals` places in [min, max] (drawn as a whole number of units). */
  decimal(min: number, max: number, decimals: number): string {
    const scale = 10 ** decimals;
    const n = this.int(Math.round(min * scale), Math.round(max * scale));
    const s = String(n).padStart(decimals + 1, '0');
    return decimals === 0 ? s : `${s.slice(0, -decimals)}.${s.slice(-decimals)}`;
  }
}

/** A stable AWS-looking id from a seed, e.g. `i-` + 17 hex digits. */
export function stableId(prefix: string, seed: string, length = 17): string {
  return `${prefix}${createHash('sha256').update(seed).digest('hex').slice(0, length)}`;
}
