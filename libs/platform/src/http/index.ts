export * from './create-http-app';
export * from './multipart-body';
export * from './nest-pino-logger';
export * from './request-logging';
export * from './text-input';
