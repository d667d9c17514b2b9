import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from '@/api/http';
import { useFieldErrors } from '@/composables/use-field-errors';

const refused = (errors: Array<{ field?: string; message: string }>, message = errors[0]?.message ?? '请求参数有误') =>
  new ApiError(400, message, errors, { statusCode: 400, message, errors }, null);

describe('useFieldErrors', () => {
  it('puts each named field on its form item, nested paths on the item above them', () => {
    const errors = useFieldErrors(['title', 'options']);
    errors.take(
      refused([
        { field: 'title', message: '标题不能为空' },
        { field: 'options.1.text', message: '选项 B 不能为空' },
        { field: 'options.2.text', message: '选项 C 不能为空' },
      ]),
    );
    expect(errors.at('title')).toBe('标题不能为空');
    expect(errors.at('options')).toBe('选项 B 不能为空；选项 C 不能为空');
    expect(errors.at('stem')).toBeUndefined();
    expect(errors.summary.value).toBeNull();
    expect(errors.anyOnField.value).toBe(true);
  });

  it('keeps in the summary what names no item of the form, and a refusal naming no field', () => {
    const errors = useFieldErrors(['title']);
    errors.take(refused([{ field: 'collegeId', message: '学院不存在' }, { message: '第 3 行有误' }]));
    expect(errors.at('title')).toBeUndefined();
    expect(errors.summary.value).toBe('学院不存在；第 3 行有误');
    errors.take(new ApiError(409, '该年份已有新生信', [], null, null));
    expect(errors.summary.value).toBe('该年份已有新生信');
    expect(errors.anyOnField.value).toBe(false);
    errors.take(new NetworkError());
    expect(errors.summary.value).toMatch(/无法连接服务器/);
  });

  it('takes problems found before sending, and clears', () => {
    const errors = useFieldErrors();
    errors.set([{ field: 'story', message: '案例不能为空' }]);
    expect(errors.at('story')).toBe('案例不能为空');
    expect(errors.summary.value).toBeNull();
    errors.clear();
    expect(errors.at('story')).toBeUndefined();
  });
});
