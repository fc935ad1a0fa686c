/** "Did you mean" suggestions by edit distance. */

/** Levenshtein distance, case-insensitive. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      cur.push(Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = cur;
  }
  return prev[t.length] ?? 0;
}

/**
 * The closest candidate, if it is close enough to be a plausible typo (at most a third of the
 * word's length, minimum 2 edits), or one candidate contains the other.
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const best = nearest(word, candidates);
  if (best === undefined) return undefined;
  const limit = Math.max(2, Math.floor(word.length / 3));
  if (editDistance(word, best) <= limit) return best;
  const w = word.toLowerCase();
  const contained = candidates.find(
    (c) => w.length >= 3 && (c.toLowerCase().includes(w) || w.includes(c.toLowerCase())),
  );
  return contained;
}

/**
 * The candidate nearest to `word` however far off it is: for an unknown key next to a required key
 * that is missing (`memroy` beside a missing `memoryGiB`), the missing one is the likely meaning.
 */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}
