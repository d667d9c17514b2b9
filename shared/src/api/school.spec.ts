import { fillSchoolPlaceholders, schoolPlaceholdersIn, type SchoolSettingsInput } from './school';

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
});
