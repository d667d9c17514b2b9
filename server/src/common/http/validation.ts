import { BadRequestException, ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import type { ApiErrorItem } from '@campus/shared';
import { getMetadataStorage } from 'class-validator';

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

const TYPE_CONSTRAINTS = new Set(['isInt', 'isNumber', 'isString', 'isBoolean', 'isArray', 'isObject']);

function flatten(errors: ValidationError[], prefix = ''): ApiErrorItem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    // A missing value fails every constraint; saying "is required" once is enough.
    // A value of the wrong type fails its range checks too; the type is what to say.
    const entries = Object.entries(error.constraints ?? {});
    const typeErrors = entries.filter(([name]) => TYPE_CONSTRAINTS.has(name));
    const all = typeErrors.length > 0 ? typeErrors : entries;
    const missing = all.filter(([name]) => name === 'isNotEmpty' || name === 'isDefined');
    const relevant =
      error.value === undefined || error.value === null || error.value === ''
        ? missing.length
          ? missing
          : all.slice(0, 1)
        : all;
    const own = relevant.map(([name, english]) => {
      // `?page=999999999999999999999` is made of digits but is no integer JavaScript holds (ToInt).
      const template =
        name === 'isInt' && typeof error.value === 'string' && /^-?\d+$/.test(error.value)
          ? '「{0}」超出允许的数值范围'
          : CONSTRAINT_MESSAGES[name];
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

function invalid(field: string, message: string): BadRequestException {
  return new BadRequestException({ message, errors: [{ field, message }] });
}

/** Fields a DTO class declares (any class-validator decorator, as `whitelist` counts them). */
const declaredFields = new Map<abstract new (...args: never[]) => unknown, Set<string>>();

function fieldsOf(metatype: abstract new (...args: never[]) => unknown): Set<string> {
  let fields = declaredFields.get(metatype);
  if (!fields) {
    const metadata = getMetadataStorage().getTargetValidationMetadatas(metatype, '', true, false);
    fields = new Set(metadata.map((m) => m.propertyName));
    declaredFields.set(metatype, fields);
  }
  return fields;
}

/**
 * The global pipe. Before class-transformer touches a body or query it checks the shape a DTO
 * can take (an object, with only the fields the DTO declares), so a hostile body costs a key
 * lookup, not a transformation; path parameters typed `number` must be positive integers that
 * JavaScript holds exactly (`1e309`, `-1`, `0x10`, `99999999999999999999` are refused by name).
 */
export class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'param' && metadata.metatype === Number) assertId(value, metadata.data ?? 'id');
    if ((metadata.type === 'body' || metadata.type === 'query') && metadata.metatype && this.toValidate(metadata)) {
      const fields = fieldsOf(metadata.metatype);
      if (fields.size > 0) assertDeclaredFields(value, fields, metadata.type);
    }
    return super.transform(value, metadata);
  }
}

function assertId(value: unknown, name: string): void {
  const text = typeof value === 'string' ? value : '';
  if (!/^[1-9]\d{0,15}$/.test(text) || !Number.isSafeInteger(Number(text)))
    throw invalid(name, `「${name}」必须是正整数编号`);
}

function assertDeclaredFields(value: unknown, fields: Set<string>, where: 'body' | 'query'): void {
  if (value === undefined && where === 'body') return; // "missing" is reported per field by validation
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw invalid(where, where === 'body' ? '请求体应为 JSON 对象' : '查询参数格式不正确');
  const unknown = Object.keys(value).find((key) => !fields.has(key));
  if (unknown !== undefined) throw invalid(unknown, `不支持的字段「${unknown}」`);
}

export function createValidationPipe(): ValidationPipe {
  return new ApiValidationPipe({
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
