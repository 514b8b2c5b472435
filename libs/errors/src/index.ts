export * from './error-catalog';
export * from './api-error';
export * from './error-envelope';
export * from './exception-mapping';
export * from './api-exception.filter';
export * from './validation/validation-errors';
export * from './validation/create-validation-pipe';
export * from './docs/error-docs.module';
