import { sanitizeStem } from './sanitize-stem';

describe('sanitizeStem', () => {
  it('keeps the text of formatted HTML and drops the tags', () => {
    expect(sanitizeStem('<p>接到<b>“客服”</b>电话，<a href="http://x.cn">点击链接</a>退款？</p>')).toBe(
      '接到“客服”电话，点击链接退款？',
    );
  });

  it('removes scripts and styles with everything inside them', () => {
    expect(sanitizeStem('前<script>alert("骗")</script>后<style>p { color: red }</style>')).toBe('前后');
  });

  it('decodes entities into the characters they stand for', () => {
    expect(sanitizeStem('A &amp; B &lt; C&nbsp;&quot;D&quot; &#20013;&#x6587;')).toBe('A & B < C "D" 中文');
  });

  it('strips markup that only appears once entities are decoded', () => {
    expect(sanitizeStem('&lt;script&gt;alert(1)&lt;/script&gt;安全')).toBe('安全');
    expect(sanitizeStem('&amp;lt;img src=x onerror=alert(1)&amp;gt;安全')).toBe('安全');
  });

  it('keeps a lone less-than sign that opens no tag', () => {
    expect(sanitizeStem('收益率 < 3% 时')).toBe('收益率 < 3% 时');
  });

  it('collapses whitespace, including line breaks, tabs and ideographic spaces', () => {
    expect(sanitizeStem('  第一行\n\t第二行　　第三行  ')).toBe('第一行 第二行 第三行');
  });

  it('puts a space where a paragraph or line break separated words', () => {
    expect(sanitizeStem('<p>first</p><p>second</p>third<br/>fourth')).toBe('first second third fourth');
  });
});
