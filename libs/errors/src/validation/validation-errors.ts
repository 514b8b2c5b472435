import type { ValidationError } from '@nestjs/common';

export type FieldErrors = Record<string, string[]>;

/**
 * Flattens class-validator's error tree into `{ field: [messages] }`, nested fields dotted
 * (`file.content_base64`, `items.0.name`): the shape of `validation_failed`'s `context.errors`.
 */
export function toFieldErrors(errors: readonly ValidationError[]): FieldErrors {
  const fields: FieldErrors = {};
  collect(errors, '', fields);
  return fields;
}

function collect(errors: readonly ValidationError[], parentPath: string, into: FieldErrors): void {
  for (const error of errors) {
    const path = parentPath ? `${parentPath}.${error.property}` : error.property;
    const messages = Object.values(error.constraints ?? {});
    if (messages.length > 0) {
      (into[path] ??= []).push(...messages);
    }
    collect(error.children ?? [], path, into);
  }
}
