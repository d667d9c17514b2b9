import { itemFlags } from './item-flags';

describe('itemFlags', () => {
  it('flags a question almost everyone gets right as too easy', () => {
    expect(itemFlags({ facility: 0.95, discriminationIndex: 20 })).toEqual([
      expect.objectContaining({ code: 'too-easy', message: expect.stringContaining('95%') }),
    ]);
  });

  it('flags a question almost nobody gets right as too hard', () => {
    expect(itemFlags({ facility: 0.1, discriminationIndex: 10 }).map((f) => f.code)).toEqual(['too-hard']);
  });

  it('flags negative discrimination, where weaker students do better', () => {
    expect(itemFlags({ facility: 0.6, discriminationIndex: -12.3 })).toEqual([
      expect.objectContaining({ code: 'low-discrimination', message: expect.stringContaining('-12.3') }),
    ]);
  });

  it('leaves a question of middling facility and positive discrimination alone, and one without figures', () => {
    expect(itemFlags({ facility: 0.9, discriminationIndex: 0 })).toEqual([]);
    expect(itemFlags({ facility: 0.2, discriminationIndex: 35 })).toEqual([]);
    expect(itemFlags({ facility: null, discriminationIndex: null })).toEqual([]);
  });
});
