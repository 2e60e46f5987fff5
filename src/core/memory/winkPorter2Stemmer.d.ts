/** Types of wink-porter2-stemmer (the package ships none): Porter's English stemmer, version 2. */
declare module 'wink-porter2-stemmer' {
  function stem(word: string): string;
  export = stem;
}
