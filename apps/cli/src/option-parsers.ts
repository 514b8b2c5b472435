import { accessSync, constants } from 'node:fs';
import { InvalidArgumentError } from 'commander';

/** An option taking a whole number between `min` and `max`. */
export function integerIn(min: number, max: number): (value: string) => number {
  return (value) => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min || parsed > max) throw new InvalidArgumentError(`Must be a whole number from ${min} to ${max}.`);
    return parsed;
  };
}

/** An option given several times: every value, in order. */
export function repeatable(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** `--metadata key=value`, repeatable, into one object. */
export function keyValue(value: string, previous: Record<string, string> | undefined): Record<string, string> {
  const at = value.indexOf('=');
  if (at <= 0) throw new InvalidArgumentError('Must be key=value.');
  return { ...previous, [value.slice(0, at)]: value.slice(at + 1) };
}

/** A path to a file that is there and readable, checked before anything is sent. */
export function readableFile(value: string): string {
  try {
    accessSync(value, constants.R_OK);
  } catch {
    throw new InvalidArgumentError(`Cannot read ${value}.`);
  }
  return value;
}
