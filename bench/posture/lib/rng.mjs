// A small seeded PRNG, so that a corpus is a pure function of (seed, template index) and can be regenerated
// bit for bit on any machine. Math.random is not seedable, hence this.

/** Mix two integers into a 32-bit seed (splitmix-style avalanche), so neighbouring indices get unrelated streams. */
export function mixSeed(seed, index) {
  let h = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index >>> 0, 0x85ebca77)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** A generator of uniform floats in [0, 1) with the helpers the corpus generator needs. */
export function makeRng(seed) {
  let a = seed >>> 0;
  const next = () => {
    // mulberry32
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng = {
    next,
    /** Integer in [min, max], both inclusive. */
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    /** True with probability p. */
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)],
    /** Pick by weight: entries are [item, weight]; undefined when there are none. */
    weighted(entries) {
      if (!entries.length) return undefined;
      const total = entries.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [item, w] of entries) {
        r -= w;
        if (r < 0) return item;
      }
      return entries[entries.length - 1][0];
    },
    /** Eight upper-case hex digits, like the hash suffix CDK puts on logical ids. */
    hex8: () =>
      Math.floor(next() * 4294967296)
        .toString(16)
        .toUpperCase()
        .padStart(8, '0'),
  };
  return rng;
}
