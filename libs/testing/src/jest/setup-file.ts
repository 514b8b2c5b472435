// Runs in every test file before its imports. Decorated classes (DTOs, Nest providers) read
// design-time metadata, which needs the Reflect polyfill even where no Nest module is loaded.
import 'reflect-metadata';

// Apps under test log through pino; keep test output readable unless a developer asks for logs.
process.env.LOG_LEVEL ??= 'silent';
