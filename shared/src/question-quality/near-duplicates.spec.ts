import { QuestionType } from '../questions';
import { characterGrams, jaccard } from './text';
import {
  duplicateComparisonText,
  findNearDuplicates,
  nearDuplicateWarning,
  nearDuplicatesOf,
  type DuplicateCandidate,
} from './near-duplicates';

/** A small deterministic PRNG (mulberry32) so the generated banks are the same on every run. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A bank of `size` random stems of 20–60 characters drawn from 800 CJK characters with a skewed
 * (Zipf-like) frequency, as in real text, with `copies` lightly edited copies among them.
 */
function generatedBank(
  size: number,
  copies: number,
  seed: number,
): { items: DuplicateCandidate<number>[]; copied: Array<[number, number]> } {
  const random = prng(seed);
  const character = (): string => String.fromCharCode(0x4e00 + Math.floor(800 * random() ** 2));
  const items: DuplicateCandidate<number>[] = [];
  for (let id = 0; id < size - copies; id++) {
    const length = 20 + Math.floor(random() * 40);
    items.push({ id, text: Array.from({ length }, character).join('') });
  }
  const copied: Array<[number, number]> = [];
  for (let c = 0; c < copies; c++) {
    const source = items[Math.floor(random() * (size - copies))]!;
    const id = items.length;
    // Change the last characters: the copy stays far above the threshold.
    items.push({ id, text: source.text.slice(0, -3) + '同学' });
    copied.push([source.id, id]);
  }
  return { items, copied };
}

function bruteForce(items: readonly DuplicateCandidate<number>[], threshold: number): string[] {
  const pairs: string[] = [];
  for (let i = 0; i < items.length; i++)
    for (let j = i + 1; j < items.length; j++) {
      const similarity = jaccard(characterGrams(items[i]!.text), characterGrams(items[j]!.text));
      if (similarity >= threshold) pairs.push(`${items[i]!.id}-${items[j]!.id}`);
    }
  return pairs.sort();
}

describe('findNearDuplicates', () => {
  it('finds a copied question however it is punctuated or spaced', () => {
    const pairs = findNearDuplicates([
      { id: 1, text: '接到自称客服的退款电话，要求提供验证码，应该怎么做？' },
      { id: 2, text: '接到自称“客服”的退款电话 要求提供验证码 应该怎么做' },
      { id: 3, text: '游戏中有人低价出售稀有皮肤，要求私下交易。' },
    ]);
    expect(pairs).toEqual([{ a: 1, b: 2, similarity: 1 }]);
  });

  it('does not report questions of one 互斥组: they are meant to test the same fact', () => {
    const pairs = findNearDuplicates([
      { id: 1, text: '个人查询本人信用报告应当通过中国人民银行征信中心', group: 'credit-report' },
      { id: 2, text: '个人查询本人信用报告应当通过中国人民银行征信中心官网', group: 'credit-report' },
    ]);
    expect(pairs).toEqual([]);
  });

  it('returns exactly the pairs a comparison of every pair returns', () => {
    for (const threshold of [0.3, 0.5, 0.7]) {
      const { items } = generatedBank(300, 20, 7);
      const found = findNearDuplicates(items, threshold)
        .map((p) => `${Math.min(p.a, p.b)}-${Math.max(p.a, p.b)}`)
        .sort();
      expect(found).toEqual(bruteForce(items, threshold));
    }
  });

  it('checks a 2,000-question bank in well under a second of time and finds every planted copy', () => {
    const { items, copied } = generatedBank(2000, 40, 11);
    const started = performance.now();
    const pairs = findNearDuplicates(items);
    const elapsed = performance.now() - started;
    console.log(`findNearDuplicates: 2,000 questions in ${elapsed.toFixed(0)} ms, ${pairs.length} pairs`);
    const found = new Set(pairs.map((p) => `${p.a}-${p.b}`));
    for (const [a, b] of copied) expect(found.has(`${a}-${b}`)).toBe(true);
    // A comparison of every pair took ≈ 4 s here; the prefix filter ≈ 0.5 s on the shared 2-core box at
    // load 25 (2.6 s at its worst). The bound only catches a return to quadratic work on a loaded CI machine.
    expect(elapsed).toBeLessThan(10_000);
  });
});

describe('duplicateComparisonText', () => {
  it('compares template stems by their keys so that different topics do not look alike', () => {
    const refund = {
      type: QuestionType.Single,
      stem: '关于网购退款，下列说法正确的是：',
      options: [
        { key: 'A', text: '退款只会原路退回，不需要提供验证码' },
        { key: 'B', text: '客服会打电话让你先开通借款额度' },
      ],
      answer: ['A'],
    };
    const loan = {
      type: QuestionType.Single,
      stem: '关于正规贷款，下列说法正确的是：',
      options: [
        { key: 'A', text: '先交保证金才能放款' },
        { key: 'B', text: '正规机构不会让你把解冻金转到个人账户' },
      ],
      answer: ['B'],
    };
    expect(duplicateComparisonText(refund)).toBe('关于网购退款，下列说法正确的是： 退款只会原路退回，不需要提供验证码');
    expect(
      findNearDuplicates([
        { id: 1, text: duplicateComparisonText(refund) },
        { id: 2, text: duplicateComparisonText(loan) },
      ]),
    ).toEqual([]);
  });
});

describe('nearDuplicatesOf', () => {
  const bank = [
    { id: 10, text: '个人查询本人信用报告，应当通过中国人民银行征信中心' },
    { id: 11, text: '游戏账号交易应通过官方平台' },
    { id: 12, text: '个人查询本人信用报告应当通过中国人民银行征信中心官网', group: 'credit' },
  ];

  it('lists the similar questions of a bank, most similar first, skipping the same 互斥组', () => {
    const hits = nearDuplicatesOf('个人查询本人的信用报告，应当通过中国人民银行征信中心', bank, { group: 'credit' });
    expect(hits.map((h) => h.id)).toEqual([10]);
    const warning = nearDuplicateWarning(hits);
    expect(warning?.questionIds).toEqual([10]);
    expect(warning?.message).toContain('第 10 号题');
  });

  it('has no warning when nothing is similar', () => {
    expect(nearDuplicateWarning(nearDuplicatesOf('陌生人加微信推荐投资', bank))).toBeNull();
  });
});
