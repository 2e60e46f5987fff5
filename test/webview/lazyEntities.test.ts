/** The lazily loaded entity decoder the webview build gives markdown-it decodes as the `entities` package does. */
import { strict as assert } from 'node:assert';
import { decodeHTMLStrict as eager } from 'entities';
import { decodeHTMLStrict } from '../../src/webview/lazyEntities';

describe('webview: lazy entities', () => {
  it('decodes named, numeric and unknown entities as entities.decodeHTMLStrict does', () => {
    for (const text of ['&copy;', '&amp;', '&#x41;', '&#65;', '&notanentity;', '&amp', 'plain', '&lt;script&gt;']) {
      assert.equal(decodeHTMLStrict(text), eager(text), text);
    }
    assert.equal(decodeHTMLStrict('&copy; &amp; &#x41;'), '© & A');
  });
});
