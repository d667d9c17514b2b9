/** Visible characters of an option or stem: spaces and punctuation do not make an option look longer. */
export function visibleLength(text: string): number {
  return [...normalizedText(text)].length;
}

/** Full-width folded, lower-cased, without spaces, punctuation and symbols. */
export function normalizedText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** The set of overlapping character n-grams of the normalised text (the whole text when it is shorter than n). */
export function characterGrams(text: string, n = 2): Set<string> {
  const chars = [...normalizedText(text)];
  const grams = new Set<string>();
  if (chars.length === 0) return grams;
  if (chars.length < n) {
    grams.add(chars.join(''));
    return grams;
  }
  for (let i = 0; i + n <= chars.length; i++) grams.add(chars.slice(i, i + n).join(''));
  return grams;
}

export function jaccard<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  if (a.size === 0 && b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const gram of small) if (large.has(gram)) shared++;
  return shared / (a.size + b.size - shared);
}

/** 「A」「B」 for messages. */
export function quoteAll(items: readonly string[]): string {
  return items.map((item) => `“${item}”`).join('');
}
