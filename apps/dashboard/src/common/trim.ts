import { Transform } from 'class-transformer';

/** Strips surrounding whitespace from a string field before validation (pasted emails, names, codes). */
export const Trim = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
