/**
 * English sentences left in a text that should be in another language. What may stay as it is, in
 * any language, is taken out first: web addresses, e-mail addresses (masked too), dotted names (user
 * IDs, host names, `TLSv1.3`), `host:port`, content types, file paths, npm commands, command-line
 * flags and upper-case codes. What is left counts as English when two or more words run together and one of
 * them is a lower-case word of three letters or more ("Sign in" and "Chan Tai Man" are names; "no
 * such name" and "Built-in simulator" are English).
 */
const mayStay: RegExp[] = [
  /\bhttps?:\/\/[^\s（）()「」、，,;]+/g,
  /[\w.+'*-]+@[\w-]+(?:\.[\w-]+)+/g,
  /\b[a-z]+\/[\w.+-]+(?:;\s*charset=[\w-]+)?/gi,
  /\[?[\w:.-]+\]?:\d{1,5}\b/g,
  /\b[\w-]+(?:\.[\w-]+)+\b/g,
  /\bnpm (?:run )?[\w:-]+(?: --(?: [\w<>.-]+)+)?/g,
  /(?:^|\s)--[a-z][a-z-]*/g,
  /(?:[A-Za-z]:)?(?:[\\/][\w.-]+)+/g,
  /\b[A-Z][A-Z0-9_]+\b/g,
];

const run = /[A-Za-z][A-Za-z'’-]*(?:[ \t,;:'"“”()-]+[A-Za-z][A-Za-z'’-]*)+/g;
const lowerWord = /^[a-z][a-z'’-]{2,}$/;

export function englishSentences(text: string): string[] {
  let rest = text;
  for (const pattern of mayStay) rest = rest.replace(pattern, " ");
  const found: string[] = [];
  for (const match of rest.matchAll(run)) {
    const words = match[0].split(/[^A-Za-z'’-]+/).filter(Boolean);
    if (words.length >= 2 && words.some((word) => lowerWord.test(word))) found.push(match[0].trim());
  }
  return found;
}
