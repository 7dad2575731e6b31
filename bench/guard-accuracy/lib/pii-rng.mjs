// Seeded randomness for the synthetic PII set: mulberry32, so the same seed gives the same rows on any machine.

export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (list) => list[Math.floor(next() * list.length)];
  const digits = (n) => Array.from({ length: n }, () => int(0, 9)).join('');
  const letters = (n, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') =>
    Array.from({ length: n }, () => pick(alphabet)).join('');
  const chance = (p) => next() < p;
  return { next, int, pick, digits, letters, chance };
}
