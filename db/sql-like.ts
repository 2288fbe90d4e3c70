/** A LIKE/ILIKE pattern for "contains `text`": `%`, `_` and `\` in what a person typed are letters, not patterns. */
export const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
