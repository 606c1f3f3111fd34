import crypto from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

/**
 * A seeded pseudo-random generator (sfc32: small, fast, good enough for test data). Each generator
 * step derives its own stream from the run's seed and the step's name, so adding a step (a later
 * module's table) never changes what the earlier steps produce.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  private readonly seedText: string;

  constructor(seed: string | number) {
    this.seedText = String(seed);
    const digest = crypto.createHash('sha256').update(this.seedText).digest();
    this.a = digest.readUInt32LE(0);
    this.b = digest.readUInt32LE(4);
    this.c = digest.readUInt32LE(8);
    this.d = digest.readUInt32LE(12);
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** An independent stream for a named part of the work: depends on the seed and the name only, not on draws made so far. */
  derive(name: string): Random {
    return new Random(`${this.seedText}/${name}`);
  }

  uint32(): number {
    this.a >>>= 0;
    this.b >>>= 0;
    this.c >>>= 0;
    this.d >>>= 0;
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [min, max] (both included). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** One value drawn with the given relative weights (index loops: this runs millions of times). */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (let i = 0; i < choices.length; i++) total += choices[i]![1];
    let draw = this.next() * total;
    for (let i = 0; i < choices.length; i++) {
      draw -= choices[i]![1];
      if (draw < 0) return choices[i]![0];
    }
    return choices[choices.length - 1]![0];
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }

  bytes(length: number): Uint8Array {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i += 4) {
      const word = this.uint32();
      for (let k = 0; k < 4 && i + k < length; k++) out[i + k] = (word >>> (8 * k)) & 0xff;
    }
    return out;
  }

  /**
   * A time-ordered id like the application's (UUID v7), from this stream: the same seed gives the
   * same ids, and ids of rows created later sort later, as in production.
   */
  uuid(atMs: number): string {
    return uuidv7({ msecs: Math.floor(atMs), random: this.bytes(16) });
  }
}

/**
 * Picks indexes in proportion to fixed weights in O(log n) per draw (cumulative sums and a binary
 * search), for the many draws of care-team members and audit actors.
 */
export class WeightedIndex {
  private readonly cumulative: Float64Array;

  constructor(weights: readonly number[]) {
    this.cumulative = new Float64Array(weights.length);
    let sum = 0;
    weights.forEach((w, i) => {
      sum += Math.max(0, w);
      this.cumulative[i] = sum;
    });
    if (sum <= 0) throw new Error('weights must not all be zero');
  }

  draw(random: Random): number {
    const total = this.cumulative[this.cumulative.length - 1]!;
    const target = random.next() * total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
