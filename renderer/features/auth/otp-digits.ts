/** Keeps the digits of whatever was typed or pasted ("123 456", "123-456"), at most six. */
export const digitsOf = (text: string): string => text.replace(/\D/g, "").slice(0, 6);
