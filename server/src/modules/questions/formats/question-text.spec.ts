import { htmlToText, plainText } from './question-text';

describe('plainText', () => {
  it('keeps text in angle brackets as written: a link quoted from a phishing SMS is the point of the question', () => {
    const sms = '【ETC】您的ETC已失效，请点击 <etc-renew.cn> 重新认证，逾期将停用。';
    expect(plainText(sms)).toBe(sms);
  });

  it('keeps entities, markup and CDATA markers that a plain-text author typed literally', () => {
    for (const text of [
      '&lt;b&gt; 是加粗标签',
      '<html class="cool">这不是网页</html>',
      '题干里有 <![CDATA[ 也照样保留',
    ]) {
      expect(plainText(text)).toBe(text);
    }
  });

  it('keeps line breaks, dropping trailing spaces and runs of blank lines', () => {
    expect(plainText('  第一步：挂断电话  \r\n第二步：拨打 96110\n\n\n\n第三步：报警  ')).toBe(
      '第一步：挂断电话\n第二步：拨打 96110\n\n第三步：报警',
    );
  });

  it('does not backtrack on a long line of spaces', () => {
    // A quadratic trim would take minutes on 200,000 spaces; the bound tells that from a busy machine.
    const started = performance.now();
    plainText(`${' '.repeat(200_000)}x`);
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

describe('htmlToText', () => {
  it('keeps the text of formatted HTML and drops the tags', () => {
    expect(htmlToText('<p>接到<b>“客服”</b>电话，<a href="http://x.cn">点击链接</a>退款？</p>')).toBe(
      '接到“客服”电话，点击链接退款？',
    );
  });

  it('removes scripts and styles with everything inside them', () => {
    expect(htmlToText('前<script>alert("骗")</script>后<style>p { color: red }</style>')).toBe('前后');
  });

  it('decodes entities exactly once: escaped markup becomes text, not tags', () => {
    expect(htmlToText('A &amp; B &lt; C&nbsp;&quot;D&quot; &#20013;&#x6587;')).toBe('A & B < C "D" 中文');
    expect(htmlToText('请点击 &lt;etc-renew.cn&gt; 认证')).toBe('请点击 <etc-renew.cn> 认证');
    expect(htmlToText('&amp;lt;b&amp;gt; 是加粗标签')).toBe('&lt;b&gt; 是加粗标签');
  });

  it('turns paragraphs, list items and <br> into line breaks and collapses other white space', () => {
    expect(htmlToText('<p>第一段\n  接着</p><p>第二段</p>第三<br/>第四<ul><li>甲</li><li>乙</li></ul>')).toBe(
      '第一段 接着\n第二段\n第三\n第四\n甲\n乙',
    );
  });

  it('keeps a blank line written as two <br>', () => {
    expect(htmlToText('甲<br>\n<br>\n乙')).toBe('甲\n\n乙');
  });

  it("keeps the source's line breaks for Moodle's auto-format", () => {
    expect(htmlToText('第一行\n第二行 <b>加粗</b>', { keepNewlines: true })).toBe('第一行\n第二行 加粗');
  });
});
