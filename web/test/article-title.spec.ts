import { describe, expect, it } from 'vitest';
import { withoutRepeatedTitle } from '@/views/course/article-title';

describe('an article under its lesson title', () => {
  it('drops a first heading that repeats the lesson title', () => {
    expect(withoutRepeatedTitle('<h2>什么是电信网络诈骗</h2><p>电信网络诈骗，是指……</p>', '什么是电信网络诈骗')).toBe(
      '<p>电信网络诈骗，是指……</p>',
    );
    expect(withoutRepeatedTitle('\n<h1> 刷单返利 </h1><p>正文</p>', '刷单返利')).toBe('<p>正文</p>');
  });

  it('keeps a first heading that says something else, and headings further down', () => {
    const other = '<h2>刷单返利</h2><p>正文</p>';
    expect(withoutRepeatedTitle(other, '刷单返利和虚假投资')).toBe(other);
    const later = '<p>导语</p><h2>刷单返利</h2>';
    expect(withoutRepeatedTitle(later, '刷单返利')).toBe(later);
    const text = '刷单返利<h2>刷单返利</h2>';
    expect(withoutRepeatedTitle(text, '刷单返利')).toBe(text);
  });

  it('leaves what is not a heading alone', () => {
    const html = '<p><strong>什么是电信网络诈骗</strong></p>';
    expect(withoutRepeatedTitle(html, '什么是电信网络诈骗')).toBe(html);
  });
});
