/** The goal form: one or more goals, started with the button or Ctrl+Enter; the draft survives a reload. */
import { button, clear, h } from './dom';

export interface GoalFormOptions {
  drafts: string[];
  restrictedReason?: string;
  onDraft(drafts: string[]): void;
  onStart(goals: string[]): void;
}

export function renderGoalForm(el: HTMLElement, options: GoalFormOptions): void {
  clear(el);
  const drafts = options.drafts.length ? [...options.drafts] : [''];
  const list = h('div', { class: 'goal-inputs' });
  const save = (): void => options.onDraft(drafts);
  const start = (): void => {
    const goals = drafts.map((d) => d.trim()).filter(Boolean);
    if (goals.length) options.onStart(goals);
  };
  const addInput = (index: number): HTMLTextAreaElement => {
    const area = h('textarea', {
      rows: 3, 'aria-label': `Goal ${index + 1}`, 'data-testid': 'goal-input',
      placeholder: index === 0 ? 'What should the agent do? (Ctrl+Enter to start)' : 'Another goal',
    });
    area.value = drafts[index] ?? '';
    area.addEventListener('input', () => { drafts[index] = area.value; save(); });
    area.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); start(); }
    });
    list.append(area);
    return area;
  };
  drafts.forEach((_d, i) => addInput(i));
  const isBlocked = !!options.restrictedReason;
  el.append(
    h('h2', {}, 'New task'),
    list,
    h('div', { class: 'actions' },
      button({ label: 'Start', icon: 'play', kind: 'primary', testId: 'start', onClick: start }),
      button({ label: 'Add goal', icon: 'add', onClick: () => { drafts.push(''); addInput(drafts.length - 1).focus(); save(); } }),
    ),
  );
  for (const b of Array.from(el.querySelectorAll('button'))) b.disabled = isBlocked;
}

/** Focuses the first goal field (the Start Agent command opens the panel ready to type). */
export function focusGoal(el: HTMLElement): void {
  el.querySelector('textarea')?.focus();
}
