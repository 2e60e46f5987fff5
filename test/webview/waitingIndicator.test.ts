/** The signs outside the panel that the agent waits for the user (badge, one notification with Review). */
import { strict as assert } from 'node:assert';
import { WaitingIndicator, type WaitingUi } from '../../src/vscode/waitingIndicator';

function fakeUi(canSee: boolean): WaitingUi & { badges: number[]; notes: string[]; reveals: number; choose(isChosen: boolean): void } {
  let answer: (isChosen: boolean) => void = () => undefined;
  const ui = {
    badges: [] as number[], notes: [] as string[], reveals: 0,
    canSeePanel: () => canSee,
    setBadge: (count: number) => { ui.badges.push(count); },
    notify: (text: string) => { ui.notes.push(text); return new Promise<boolean>((r) => { answer = r; }); },
    reveal: () => { ui.reveals++; },
    choose: (isChosen: boolean) => answer(isChosen),
  };
  return ui;
}

describe('the waiting indicator', () => {
  it('badges the views while an approval waits and clears the badge once it is settled', () => {
    const ui = fakeUi(true);
    const waiting = new WaitingIndicator(ui);
    waiting.started('a1', 'Edit src/math.js', true);
    waiting.started('a2', 'Run npm test', true);
    waiting.settled('a1');
    waiting.settled('a2');
    assert.deepEqual(ui.badges, [1, 2, 1, 0]);
    assert.deepEqual(ui.notes, [], 'a visible panel needs no notification');
  });

  it('notifies once, with Review, when the panel was hidden; Review reveals it', async () => {
    const ui = fakeUi(true);
    const waiting = new WaitingIndicator(ui);
    waiting.started('a1', 'Edit src/math.js', false);
    waiting.started('a2', 'Run npm test', false);
    assert.deepEqual(ui.notes, ['Auto Agent is waiting for you: Edit src/math.js']);
    ui.choose(true);
    await new Promise((r) => setImmediate(r));
    assert.equal(ui.reveals, 1);
    waiting.clear();
    assert.equal(ui.badges.at(-1), 0);
  });

  it('notifies when the window cannot show the panel even though it was open', () => {
    const ui = fakeUi(false);
    new WaitingIndicator(ui).started('q1', 'The agent asks a question', true);
    assert.equal(ui.notes.length, 1);
  });
});
