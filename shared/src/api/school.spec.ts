import {
  fillSchoolPlaceholders,
  isWebsiteAddress,
  schoolPlaceholdersIn,
  schoolValue,
  withoutClosingPunctuation,
  type SchoolSettingsInput,
} from './school';
import { callInWorker, endWorkers } from '../testing/call-in-worker';

const SCHOOL_MODULE = require.resolve('./school');

const SETTINGS: SchoolSettingsInput = {
  name: '示例职业技术学院',
  shortName: '',
  securityPhone: '0000-1234567',
  studentAffairsPhone: '',
  paymentChannel: '学校统一缴费平台 <pay>',
  freshmanGroupNotice: '只在录取通知书中公布',
  website: 'https://www.example.edu.cn',
};

const escapeHtml = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

describe('school placeholders', () => {
  afterAll(() => endWorkers());

  it('fills each placeholder with its setting, escaping values for rich text', () => {
    expect(
      fillSchoolPlaceholders('<p>{{学校名称}}保卫处：{{ 保卫处电话 }}；缴费：{{缴费渠道}}</p>', SETTINGS, escapeHtml),
    ).toBe('<p>示例职业技术学院保卫处：0000-1234567；缴费：学校统一缴费平台 &lt;pay&gt;</p>');
  });

  it('uses the full name for an empty 简称 and marks any other missing value visibly', () => {
    expect(fillSchoolPlaceholders('{{学校简称}}', SETTINGS)).toBe('示例职业技术学院');
    expect(fillSchoolPlaceholders('{{学生处电话}}', SETTINGS)).toBe('【请在“学校信息设置”中填写学生处电话】');
  });

  it('drops the closing punctuation of a value, which stands inside a sentence', () => {
    expect(
      fillSchoolPlaceholders('{{新生群说明}}。', { ...SETTINGS, freshmanGroupNotice: '只在录取通知书中公布。' }),
    ).toBe('只在录取通知书中公布。');
  });

  it('leaves unknown and malformed placeholders as written', () => {
    expect(fillSchoolPlaceholders('{{校长姓名}} {{学校名称} {学校名称}}', SETTINGS)).toBe(
      '{{校长姓名}} {{学校名称} {学校名称}}',
    );
  });

  it('lists the placeholders a text uses, once each', () => {
    expect(schoolPlaceholdersIn('{{学校名称}}{{保卫处电话}}{{学校名称}}{{未知项}}')).toEqual([
      '学校名称',
      '保卫处电话',
    ]);
  });

  it('drops closing punctuation and space, including full-width ones, and keeps punctuation inside', () => {
    expect(withoutClosingPunctuation('公布，详见官网。 ；\u3000\n')).toBe('公布，详见官网');
    expect(withoutClosingPunctuation('。，')).toBe('');
    expect(schoolValue({ ...SETTINGS, freshmanGroupNotice: '  。。 ' }, '新生群说明')).toBe(
      '【请在“学校信息设置”中填写官方新生群说明】',
    );
  });

  // 100,000 characters of the punctuation with something else at the end: the old pattern retried
  // the whole run from each of its positions (over a minute); now it is one pass.
  // Run in a worker so that a pattern that backtracks fails by jest's timeout instead of passing late.
  it('handles a 100,000-character run of punctuation that does not end the value', async () => {
    const run = '。，;. '.repeat(20_000);
    const value = (notice: string) =>
      callInWorker<string>(SCHOOL_MODULE, 'schoolValue', [{ ...SETTINGS, freshmanGroupNotice: notice }, '新生群说明']);
    expect(await value(`${run}x`)).toBe(`${run}x`);
    expect(await value(`见${run}`)).toBe('见');
  });

  it('takes a website address with a dotted host and nothing else', () => {
    for (const ok of ['https://www.example.edu.cn', 'http://example.edu.cn:8080/a.b?x=1#top', 'https://xx.edu.cn/'])
      expect(isWebsiteAddress(ok)).toBe(true);
    for (const bad of ['https://localhost', 'ftp://a.cn', 'https://a.cn b', 'www.example.edu.cn', 'https://a..cn'])
      expect(isWebsiteAddress(bad)).toBe(false);
  });

  it('refuses a 100,000-character near miss of a website address without backtracking', async () => {
    const check = (text: string) => callInWorker<boolean>(SCHOOL_MODULE, 'isWebsiteAddress', [text]);
    expect(await check(`http://${'a.'.repeat(50_000)} `)).toBe(false);
    expect(await check(`http://a.cn/${'x'.repeat(100_000)} `)).toBe(false);
  });
});
