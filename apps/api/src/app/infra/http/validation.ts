import { ValidationError, ValidationPipe } from '@nestjs/common';
import { AppError } from './app-error';

/** Flattens class-validator errors into `{ field, reason }`, with nested paths like `items.0.name`. */
export function validationDetails(
  errors: ValidationError[],
  parent = '',
): { field: string; reason: string }[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(
      ([key, message]) => ({
        field,
        reason:
          key === 'whitelistValidation'
            ? 'この項目は受け付けていません'
            : message,
      }),
    );
    return [...own, ...validationDetails(error.children ?? [], field)];
  });
}

/** Global pipe: unknown fields refused, types converted, a 400 naming every bad field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const details = validationDetails(errors);
      const fields = [...new Set(details.map((d) => d.field))].join(', ');
      return new AppError(
        'invalid_input',
        `入力内容に誤りがあります（${fields}）`,
        details,
      );
    },
  });
}
