import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
import type { ApiErrorItem } from '@campus/shared';

/** Chinese wording of class-validator's constraints; `{0}` is the field, `{1}` the constraint's value. */
const CONSTRAINT_MESSAGES: Record<string, string> = {
  isDefined: '「{0}」不能为空',
  isNotEmpty: '「{0}」不能为空',
  isString: '「{0}」必须是文本',
  isInt: '「{0}」必须是整数',
  isNumber: '「{0}」必须是数字',
  isBoolean: '「{0}」必须是 true 或 false',
  isArray: '「{0}」必须是数组',
  isIn: '「{0}」的取值不在允许范围内',
  isEnum: '「{0}」的取值不在允许范围内',
  min: '「{0}」不能小于 {1}',
  max: '「{0}」不能大于 {1}',
  minLength: '「{0}」至少 {1} 个字符',
  maxLength: '「{0}」最多 {1} 个字符',
  arrayMinSize: '「{0}」至少 {1} 项',
  arrayMaxSize: '「{0}」最多 {1} 项',
  isDateString: '「{0}」必须是 ISO-8601 时间',
  isISO8601: '「{0}」必须是 ISO-8601 时间',
  whitelistValidation: '不支持的字段「{0}」',
  matches: '「{0}」格式不正确',
  isObject: '「{0}」必须是对象',
  isPositive: '「{0}」必须大于 0',
  nestedValidation: '「{0}」格式不正确',
};

function flatten(errors: ValidationError[], prefix = ''): ApiErrorItem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    // A missing value fails every constraint; saying "is required" once is enough.
    const all = Object.entries(error.constraints ?? {});
    const missing = all.filter(([name]) => name === 'isNotEmpty' || name === 'isDefined');
    const relevant =
      error.value === undefined || error.value === null || error.value === ''
        ? missing.length
          ? missing
          : all.slice(0, 1)
        : all;
    const own = relevant.map(([name, english]) => {
      const template = CONSTRAINT_MESSAGES[name];
      const limit = /(\d+)/.exec(english)?.[1] ?? '';
      // A Chinese message given in the DTO (`{ message: '…' }`) is used as it is.
      const message = /[\u4e00-\u9fff]/.test(english)
        ? english
        : template
          ? template.replace('{0}', field).replace('{1}', limit)
          : `「${field}」不合法`;
      return { field, message };
    });
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => {
      const items = flatten(errors);
      return new BadRequestException({ message: items[0]?.message ?? '请求参数有误', errors: items });
    },
  });
}
