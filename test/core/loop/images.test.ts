/**
 * Images: a goal's images and `read_file` on an image reach a vision-capable model in its provider's format
 * (OpenAI: image_url data URLs; Anthropic: base64 image blocks, inside the tool_result); a model without vision
 * gets a note instead. Both providers' adapters run against their scripted servers; the loop is the same.
 */
import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { createHarness, type Harness } from './loopHarness';

const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const goalImage = { mediaType: 'image/png' as const, data: png, name: 'mockup.png' };
const script = [
  { toolCalls: [{ name: 'read_file', arguments: { path: 'logo.png' } }] },
  { toolCalls: [{ name: 'finish', arguments: { summary: 'Looked at it.' } }] },
];

type Body = { messages: { role: string; content: unknown }[] };
const bodies = (h: Harness): Body[] => h.server.requests.map((r) => r.body as unknown as Body);

for (const provider of ['openai', 'anthropic'] as const) {
  describe(`images (${provider})`, () => {
    let h: Harness;
    const visionModel = provider === 'openai' ? 'gpt-4o' : 'claude-sonnet-4-5';
    beforeEach(async () => {
      h = await createHarness({ provider });
      writeFileSync(path.join(h.dir, 'logo.png'), Buffer.from(png, 'base64'));
    });
    afterEach(async () => { await h.close(); });

    it('a vision model gets the goal\'s image and the image read_file returned, in the provider\'s format', async () => {
      h.server.enqueue(...script);
      const { outcome } = await h.run({ goals: [{ text: 'Make the page look like the mockup', images: [goalImage] }], settings: { model: visionModel } });
      assert.equal(outcome.reason, 'completed', outcome.summary);
      const [first, second] = bodies(h);
      const firstText = JSON.stringify(first.messages);
      const secondText = JSON.stringify(second.messages);
      if (provider === 'openai') {
        assert.ok(firstText.includes(`"image_url":{"url":"data:image/png;base64,${png}"}`), 'the goal image as a data URL');
        const toolIndex = second.messages.findIndex((m) => m.role === 'tool');
        const after = second.messages[toolIndex + 1];
        assert.equal(after.role, 'user', 'the image read_file returned follows its tool message, in a user message');
        assert.ok(JSON.stringify(after.content).includes(`data:image/png;base64,${png}`));
      } else {
        assert.ok(firstText.includes(`{"type":"image","source":{"type":"base64","media_type":"image/png","data":"${png}"}}`), 'the goal image as a base64 image block');
        const toolTurn = second.messages.flatMap((m) => (Array.isArray(m.content) ? m.content as { type: string; content?: unknown }[] : []));
        const result = toolTurn.find((b) => b.type === 'tool_result');
        assert.ok(JSON.stringify(result?.content).includes(`"media_type":"image/png","data":"${png}"`), 'the image inside its tool_result');
      }
      assert.match(secondText, /logo\.png is an image \(image\/png, 70 bytes\); it is attached/);
    });

    it('a model without vision gets a clear note instead of the images', async () => {
      h.server.enqueue(...script);
      const models = { [visionModel]: { hasVision: false } };
      const { outcome } = await h.run({ goals: [{ text: 'Make the page look like the mockup', images: [goalImage] }], settings: { model: visionModel, models } });
      assert.equal(outcome.reason, 'completed', outcome.summary);
      const sent = JSON.stringify(bodies(h).map((b) => b.messages));
      assert.ok(!sent.includes(png.slice(0, 40)), 'no image bytes are sent');
      assert.match(sent, /An image \(mockup\.png\) cannot be shown: the model [\w.-]+ does not take images/);
      assert.match(sent, /logo\.png is an image \(image\/png, 70 bytes\)\. \[An image \(logo\.png\) cannot be shown/);
    });
  });
}
