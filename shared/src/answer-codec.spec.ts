import { answerCodec } from './answer-codec';
import { QuestionType } from './questions';

describe('answer codecs', () => {
  const single = answerCodec(QuestionType.Single);
  const multiple = answerCodec(QuestionType.Multiple);
  const judge = answerCodec(QuestionType.Judge);

  it('refuses keys the question does not have', () => {
    expect(single.validate(['Z'], ['A', 'B', 'C', 'D'])).toBe('选项 Z 不存在');
    expect(judge.validate(['A'], ['T', 'F'])).toBe('选项 A 不存在');
    expect(multiple.validate(['A', 'E'], ['A', 'B', 'C', 'D'])).toBe('选项 E 不存在');
  });

  it('refuses more than one key on a single-choice or judge question, and duplicates anywhere', () => {
    expect(single.validate(['A', 'B', 'C', 'D'], ['A', 'B', 'C', 'D'])).toBe('单选题只能选一个选项');
    expect(judge.validate(['T', 'F'], ['T', 'F'])).toMatch(/判断题/);
    expect(multiple.validate(['A', 'A'], ['A', 'B', 'C'])).toBe('答案中有重复的选项');
  });

  it('accepts a choice among the options, and an empty one (the answer is cleared)', () => {
    expect(single.validate(['C'], ['A', 'B', 'C', 'D'])).toBeNull();
    expect(judge.validate(['F'], ['T', 'F'])).toBeNull();
    expect(multiple.validate(['D', 'A', 'B'], ['A', 'B', 'C', 'D'])).toBeNull();
    expect(multiple.validate([], ['A', 'B'])).toBeNull();
  });

  it('stores sorted keys and reads them back', () => {
    expect(multiple.encode(['D', 'A', 'B'])).toBe('ABD');
    expect(multiple.encode([])).toBeNull();
    expect(multiple.decode('ABD')).toEqual(['A', 'B', 'D']);
    expect(multiple.decode(null)).toEqual([]);
  });

  it('scores the full mark only for exactly the right set', () => {
    expect(multiple.score(['A', 'B', 'D'], ['A', 'B', 'D'], 40)).toBe(40);
    expect(multiple.score(['A', 'B'], ['A', 'B', 'D'], 40)).toBe(0);
    expect(judge.score(['T'], ['T'], 20)).toBe(20);
    expect(single.score([], ['B'], 10)).toBe(0);
  });

  it('keeps the key in the stored form, whatever order or repeats the question lists it in', () => {
    expect(multiple.key(['D', 'A', 'B', 'A'])).toBe('ABD');
    expect(judge.key(['F'])).toBe('F');
    expect(single.key([])).toBe('');
  });

  it('scores a stored answer the full mark exactly when it equals the stored key (the SQL rule)', () => {
    const letters = ['A', 'B', 'C', 'D', 'T', 'F'];
    const subsets = Array.from({ length: 1 << letters.length }, (_, bits) => letters.filter((_, i) => bits & (1 << i)));
    for (const type of Object.values(QuestionType)) {
      const codec = answerCodec(type);
      for (const answer of subsets) {
        for (const chosen of subsets) {
          const stored = codec.encode([...chosen].reverse());
          const byEquality = stored !== null && stored === codec.key(answer);
          expect([type, answer, chosen, byEquality]).toEqual([
            type,
            answer,
            chosen,
            codec.score(codec.decode(stored), answer, 5) === 5,
          ]);
        }
      }
    }
  });
});
