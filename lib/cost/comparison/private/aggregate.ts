/** Exact aggregation of billing rows by month and by a key (application, wave, service). */
import { Dec, type Dec as DecT } from './money';

export class Sums<K> {
  private readonly map = new Map<K, DecT>();

  add(key: K, amount: DecT): void {
    this.map.set(key, (this.map.get(key) ?? new Dec(0)).plus(amount));
  }

  get(key: K): DecT {
    return this.map.get(key) ?? new Dec(0);
  }

  keys(): K[] {
    return [...this.map.keys()];
  }

  total(): DecT {
    let t = new Dec(0);
    for (const v of this.map.values()) t = t.plus(v);
    return t;
  }
}
