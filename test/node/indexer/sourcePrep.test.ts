import { strict as assert } from 'node:assert';
import { createParser } from '../../../src/node/grammars';
import { prepareSource } from '../../../src/node/indexer/sourcePrep';

/** Parses the prepared text; the rewrite must keep every row where it was and leave the grammar without errors. */
async function prepareAndParse(source: string): Promise<{ prepared: string; hasError: boolean }> {
  const prepared = prepareSource('typescript', source);
  assert.equal(prepared.split('\n').length, source.split('\n').length, 'rows stay put');
  const tree = (await createParser('typescript')).parse(prepared);
  assert.ok(tree);
  const hasError = tree.rootNode.hasError;
  tree.delete();
  return { prepared, hasError };
}

describe('prepareSource (TypeScript the grammar misreads)', () => {
  it('ends a type before an overload line that starts with `<`, with no comment between them', async () => {
    const source = [
      'export const mapError: {',
      '  <E, E2>(f: (e: E) => E2): <A>(self: Effect<A, E>) => Effect<A, E2>',
      '  <A, E, E2>(self: Effect<A, E>, f: (e: E) => E2): Effect<A, E2>',
      '  <',
      '    A extends string,',
      '    B',
      '  >(a: A, b: B): Box<A>',
      '} = dual(2, impl)',
    ].join('\n');
    assert.equal((await createParser('typescript')).parse(source)?.rootNode.hasError, true, 'the grammar alone fails here');
    assert.equal((await prepareAndParse(source)).hasError, false);
  });

  it('leaves a generic arrow function after `=` and comparisons alone', async () => {
    const source = ['const id =', '  <A>(a: A): A => a', 'const less = a', '  < b'].join('\n');
    const { prepared, hasError } = await prepareAndParse(source);
    assert.equal(hasError, false);
    assert.doesNotMatch(prepared, /;/);
  });

  it('reads escaped backticks in a template literal type, and keeps an escaped backslash before a closing one', async () => {
    const source = ['type Hint<U extends string> =', '  `Missing \\`Self\\` - use \\`class Self extends ${U}<Self>\\``', 'const path = `C:\\\\`', 'export type After = 1'].join('\n');
    const { prepared, hasError } = await prepareAndParse(source);
    assert.equal(hasError, false);
    assert.match(prepared, /const path = `C:\\\\`/);
  });
});
