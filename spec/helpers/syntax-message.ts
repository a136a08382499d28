/** What `JSON.parse` says about a text that is not JSON, for an expected error message. */
export function syntaxMessage(text: string): string {
  try {
    JSON.parse(text);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`${text} is valid JSON`);
}
