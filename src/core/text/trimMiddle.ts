/** Fits long text into a character budget by keeping its head and tail, cut at line boundaries where possible. */

/** The trimmed text and how many characters were left out (0 when it fit). */
export interface TrimmedText {
  text: string;
  omittedChars: number;
}

/** Keeps about `headShare` of the budget from the start and the rest from the end, with a marker between. */
export function trimMiddle(text: string, maxChars: number, headShare = 0.3): TrimmedText {
  if (text.length <= maxChars) return { text, omittedChars: 0 };
  const headBudget = Math.floor(maxChars * headShare);
  const tailBudget = maxChars - headBudget;
  let head = text.slice(0, headBudget);
  let tail = text.slice(text.length - tailBudget);
  const headCut = head.lastIndexOf('\n');
  if (headCut > headBudget / 2) head = head.slice(0, headCut + 1);
  const tailCut = tail.indexOf('\n');
  if (tailCut >= 0 && tailCut < tailBudget / 2) tail = tail.slice(tailCut + 1);
  const omittedChars = text.length - head.length - tail.length;
  const marker = `${head.endsWith('\n') ? '' : '\n'}… [${omittedChars} characters omitted] …\n`;
  return { text: head + marker + tail, omittedChars };
}
