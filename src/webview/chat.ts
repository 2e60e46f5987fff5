/** The sidebar chat's browser entry: questions, streamed answers as sanitized markdown, file links, hand-off. */
import { chatInboundSchema, type ChatInbound, type ChatOutbound } from '../protocol/webview';
import { enableIconsAfterLoad } from './deferredIcons';
import { button, clear, h, icon } from './dom';
import { fileLinkTarget, renderMarkdown } from './markdown';
import { connect } from './vscodeBridge';

interface ChatState {
  draft: string;
}

interface Turn {
  role: 'user' | 'assistant';
  text: string;
  el: HTMLElement;
  isError?: boolean;
}

const app = document.getElementById('app') as HTMLElement;
const banner = h('div', { class: 'banner info', role: 'note' });
const log = h('div', { class: 'chat-log', role: 'log', 'aria-live': 'polite', 'aria-label': 'Conversation' });
const input = h('textarea', { rows: 3, 'aria-label': 'Ask about the code', placeholder: 'Ask about this codebase (Enter to send, Shift+Enter for a new line)', 'data-testid': 'chat-input' });
const turns: Turn[] = [];
const pendingTurns = new Map<string, Turn>();
let frame = 0;

const bridge = connect<ChatInbound, ChatOutbound, ChatState>(chatInboundSchema, (message) => handle(message));
const post = (m: ChatOutbound): void => bridge.post(m);

const composer = h('div', { class: 'composer' }, input, h('div', { class: 'actions' },
  button({ label: 'Ask', icon: 'send', kind: 'primary', testId: 'chat-send', onClick: () => send() }),
  button({ title: 'Start agent on this conversation', label: 'Start agent on this', icon: 'play', testId: 'hand-off', onClick: () => handOff() }),
  button({ title: 'Clear the conversation', icon: 'clear-all', kind: 'icon', onClick: () => { turns.length = 0; clear(log); post({ type: 'chat/cleared' }); } }),
));
app.append(banner, log, composer);
banner.hidden = true;
input.value = bridge.state().draft ?? '';
input.addEventListener('input', () => bridge.saveState({ draft: input.value }));
input.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); send(); }
});

function handle(message: ChatInbound): void {
  switch (message.type) {
    case 'chat/restored': {
      // The host answers this page's first message; a question typed before that answer is not among its turns.
      const sentMeanwhile = turns.splice(0);
      clear(log);
      for (const t of message.turns) addTurn(t.role, t.text);
      for (const t of sentMeanwhile) {
        turns.push(t);
        log.append(t.el);
      }
      return setBanner(message.restrictedReason);
    }
    case 'chat/streamed': return stream(message.turnId, message.text);
    case 'chat/answered': return finish(message.turnId, message.text);
    case 'chat/failed': return fail(message.turnId, message.message);
    case 'trust/changed': return setBanner(message.restrictedReason);
  }
}

function setBanner(reason: string | undefined): void {
  banner.hidden = !reason;
  clear(banner);
  if (reason) banner.append(icon('shield'), h('span', {}, ' Restricted Mode: chat works read-only. The agent cannot edit or run anything here.'));
}

function send(): void {
  const question = input.value.trim();
  if (!question) return;
  const turnId = `t-${Date.now()}-${Math.random().toString(36).slice(2, 7)}`;
  addTurn('user', question);
  const answer = addTurn('assistant', '');
  answer.el.classList.add('streaming');
  pendingTurns.set(turnId, answer);
  input.value = '';
  bridge.saveState({ draft: '' });
  post({ type: 'chat/ask', turnId, question });
}

function handOff(): void {
  const lines = turns.filter((t) => !t.isError && t.text.trim()).map((t) => `${t.role === 'user' ? 'Question' : 'Answer'}: ${t.text}`);
  const draft = input.value.trim();
  const goal = [draft, ...(lines.length ? ['Context from the chat:', ...lines] : [])].filter(Boolean).join('\n\n');
  if (goal) post({ type: 'chat/handedOff', goal });
}

function addTurn(role: Turn['role'], text: string): Turn {
  const body = h('div', { class: 'markdown' });
  const el = h('div', { class: `turn ${role}`, 'data-testid': `turn-${role}` }, h('div', { class: 'who' }, icon(role === 'user' ? 'account' : 'hubot'), role === 'user' ? ' You' : ' Auto Agent'), body);
  const turn: Turn = { role, text, el };
  if (role === 'user') body.textContent = text;
  else renderMarkdown(body, text);
  turns.push(turn);
  log.append(el);
  el.scrollIntoView({ block: 'end' });
  return turn;
}

function stream(turnId: string, delta: string): void {
  const turn = pendingTurns.get(turnId);
  if (!turn) return;
  turn.text += delta;
  frame ||= requestAnimationFrame(() => {
    frame = 0;
    for (const t of pendingTurns.values()) renderBody(t);
  });
}

function finish(turnId: string, text: string): void {
  const turn = pendingTurns.get(turnId);
  if (!turn) return;
  pendingTurns.delete(turnId);
  turn.text = text;
  turn.el.classList.remove('streaming');
  renderBody(turn);
}

function fail(turnId: string, message: string): void {
  const turn = pendingTurns.get(turnId);
  if (!turn) return;
  pendingTurns.delete(turnId);
  turn.isError = true;
  turn.el.classList.remove('streaming');
  turn.el.classList.add('error');
  const body = turn.el.querySelector('.markdown') as HTMLElement;
  body.textContent = `The question could not be answered: ${message}`;
}

function renderBody(turn: Turn): void {
  renderMarkdown(turn.el.querySelector('.markdown') as HTMLElement, turn.text);
  turn.el.scrollIntoView({ block: 'end' });
}

app.addEventListener('click', (e) => {
  const target = fileLinkTarget(e.target as Element);
  if (!target) return;
  e.preventDefault();
  post({ type: 'file/open', path: target.path, line: target.line });
});

enableIconsAfterLoad();
post({ type: 'webview/ready' });
