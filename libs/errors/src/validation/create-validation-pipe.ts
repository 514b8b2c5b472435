import { ValidationPipe } from '@nestjs/common';
import { ApiError } from '../api-error';
import { toFieldErrors } from './validation-errors';

/** The app-wide DTO validation: unknown fields are rejected, and failures leave as `validation_failed`. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new ApiError('validation_failed', { errors: toFieldErrors(errors) }),
  });
}
