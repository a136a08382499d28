import type { z } from 'zod';

/** The dotted paths of the issues a failed parse reports (`[]` when the parse succeeded). */
export function issuePaths(schema: z.ZodType, body: unknown): string[] {
  const result = schema.safeParse(body);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
}
