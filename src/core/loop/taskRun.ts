/**
 * One running task: owns the conversation, the task state, the meters and the policy objects, and runs rounds
 * until a stop rule or a verified finish ends it. Every function here stays small; the round is the unit.
 */
import { randomUUID } from 'node:crypto';
import type { AgentEventInput, StopReason, Usage } from '../../protocol/events';
import { LlmError } from '../llm/llmErrors';
import { modelInfoFor, type ModelInfo } from '../llm/pricing';
import { summariseCondensed } from './modelCondensing';
import type { ChatResponse, LlmClient } from '../llm/llmClient';
import { ChangePipeline, type ChangeProposer } from '../edits/changeProposer';
import { PolicyGate, type PermissionRequest } from '../policy/permissionGate';
import { StreamRedactor } from '../policy/redact';
import { WorkspacePathGuard } from '../policy/pathGuard';
import type { ToolRegistry } from '../tools/registry';
import type { ToolContext } from '../tools/tool';
import { Conversation } from './conversation';
import { EventBus } from './eventBus';
import { followUpMessage, reflectionMessage, steering, userWordsMessage } from './prompts';
import { taskPrefix } from './taskPrefix';
import { reflectIntoMemory } from './memoryReflection';
import type { TaskOptions, TaskOutcome } from './runTask';
import { BudgetMeter, LoopDetector } from './stopRules';
import { TaskState } from './taskState';
import { dedupeCallIds, dispatchToolCalls } from './toolDispatch';
import { isInterruption, unansweredCalls } from './interruption';
import { verifyBeforeFinish } from './verification';
import type { AgentDefinition } from '../agents/agentDefinition';
import { childTaskId } from './childTaskId';
import { defaultMaxDepth, SubagentSpawner, type AgentIdentity, type ChildResult, type ChildSpec } from './subagents';

const maxStreamRetries = 2;
const condenseAt = 0.75;
const condenseTo = 0.5;

/**
 * `agent` and `parentMeter` are set for a sub-agent's run (see subagents.ts); `role` when it is one of the user's
 * agents; `isCostSaid` when its parent runs the same model, so an unknown price was already said once.
 */
type RunOptions = TaskOptions & { taskId: string; tools: ToolRegistry; agent?: AgentIdentity; parentMeter?: BudgetMeter; role?: AgentDefinition; isCostSaid?: boolean };
type Ending = { reason: StopReason; summary: string; isVerified: boolean };

export class TaskRun {
  private readonly bus: EventBus;
  private readonly task: TaskState;
  private readonly gate: PolicyGate;
  private readonly changes: ChangeProposer;
  private readonly conversation: Conversation;
  private readonly meter: BudgetMeter;
  /** No price is known for the model: the meter's dollars are not a measurement, and the cost budget cannot hold. */
  private readonly isCostUnknown: boolean;
  private readonly detector = new LoopDetector();
  private readonly window: number;
  /** The model table's facts about the task's model (window, vision, tools, price), overrides applied. */
  readonly modelInfo: ModelInfo;
  private readonly identity: AgentIdentity;
  private readonly spawner: SubagentSpawner;
  /** Files this agent's tools resolved for reading (a sub-agent's report lists them). */
  private readonly filesRead = new Set<string>();
  private isRestoring = false;

  constructor(private readonly options: RunOptions) {
    const { host, settings, taskId } = options;
    this.bus = new EventBus(host.store.openTranscript(taskId), options.onEvent, options.secrets ?? []);
    // Registered before any wait starts, so the transcript is frozen before a waiting approval is torn down.
    options.signal.addEventListener('abort', () => { if (isInterruption(options.signal.reason)) this.bus.freeze(); }, { once: true });
    const emit = this.bus.emit;
    this.task = new TaskState(taskId, options.goals, emit);
    const newId = (): string => randomUUID();
    const relayRejectionReason = (request: PermissionRequest, reason: string): void => this.task.relayUserWords({ callId: request.callId, toolName: request.toolName, kind: 'rejection', text: reason });
    this.gate = new PolicyGate({ policy: settings.policy, rules: options.rules ?? [], approvals: host.approvals, signal: options.signal, emit, newId, relayRejectionReason });
    const pipelineOptions = { files: host.files, gate: this.gate, task: this.task, emit, newId };
    this.changes = options.createChanges ? options.createChanges(pipelineOptions) : new ChangePipeline(pipelineOptions);
    // A resumed task keeps its totals: the budgets and the meter count the whole task, not this run only.
    this.meter = new BudgetMeter(settings.budgets, options.resume?.usage, options.parentMeter);
    this.identity = options.agent ?? { depth: 0, kind: 'act' };
    this.spawner = new SubagentSpawner({
      self: this.identity, maxDepth: settings.subagentDepth ?? defaultMaxDepth, meter: this.meter, tools: options.tools, host,
      emit, modelName: (options.subagentLlm ?? options.llm).model, agents: options.agents ?? [],
      earlierChildren: this.identity.depth === 0 ? options.resume?.children ?? 0 : 0, runChild: (child) => this.runChild(child),
    });
    this.modelInfo = modelInfoFor(options.llm.model, settings, { contextWindow: options.llm.contextWindow, hasVision: options.llm.hasVision });
    this.window = this.modelInfo.contextWindow;
    this.isCostUnknown = this.modelInfo.price === undefined;
    // The earlier messages of a resumed task are in its transcript already: writing them again would double them.
    this.conversation = new Conversation(taskPrefix(options, this.modelInfo.hasVision, options.role), (message) => { if (!this.isRestoring) this.bus.recordMessage(message); });
  }

  async execute(): Promise<TaskOutcome> {
    const { taskId, goals, roots, llm } = this.options;
    this.bus.recordMeta({ taskId, startedAt: Date.now(), goals, model: llm.model, roots });
    // The event stream (panel, transcript events) names a goal's images; their bytes stay in the conversation.
    const shownGoals = goals.map(({ images, ...goal }) => (images?.length ? { ...goal, images: images.map((i) => ({ ...i, data: '' })) } : goal));
    this.emit({ type: 'taskStarted', taskId, goals: shownGoals, workspace: roots[0], model: llm.model });
    this.announceContext();
    if (this.isCostUnknown && !this.options.isCostSaid) {
      const message = `Cost cannot be measured for model ${llm.model}: it has no known price, so --max-cost is not enforced (the token budget still holds). Set a price with --price IN,OUT (dollars per million tokens) or, in VS Code, the autoAgent.models setting.`;
      this.emit({ type: 'costUnmeasurable', model: llm.model, message });
    }
    this.restore();
    const ending = this.modelInfo.hasTools ? await this.runUnansweredCalls() ?? await this.loop() : this.refuseToolless();
    if (ending.reason === 'completed' && this.options.reflectIntoMemory && this.options.contextExtras?.memory) await this.reflect();
    this.emit({ type: 'taskFinished', reason: ending.reason, summary: ending.summary, isVerified: ending.isVerified });
    return { taskId, ...ending, transcript: this.bus.location, usage: { ...this.meter.total }, steps: this.meter.steps };
  }

  /** The agent acts only through tools: a model the table marks without them ends the task before any request. */
  private refuseToolless(): Ending {
    const message = `The model "${this.options.llm.model}" cannot call tools (per the model table), which the agent needs. Choose a model with tool calling, or, if it has them, say so with the autoAgent.models setting (VS Code) or --tools yes (CLI).`;
    this.emit({ type: 'errorOccurred', message, code: 'no_tool_support' });
    return stopped('model_error', message);
  }

  async close(): Promise<void> {
    await this.bus.close();
  }

  private costFlag(): { isCostUnknown?: true } {
    return this.isCostUnknown ? { isCostUnknown: true } : {};
  }

  private emit(event: AgentEventInput): void {
    this.bus.emit(event);
  }

  /** Tells the hosts which instruction files and which memory notes this task's prompt holds. */
  private announceContext(): void {
    const { instructions, recalled } = this.options;
    if (instructions && (instructions.files.length || instructions.notes.length)) {
      const files = instructions.files.map((f) => ({ path: f.path, abs: f.abs, kind: f.kind, chars: f.chars, isCut: f.isCut }));
      this.emit({ type: 'instructionsLoaded', files, notes: instructions.notes });
    }
    if (recalled && recalled.length) {
      const tokens = Math.ceil(recalled.reduce((n, r) => n + r.text.length, 0) / 3.5);
      this.emit({ type: 'memoryRecalled', notes: recalled.map((r) => ({ id: r.id, scope: r.scope, title: r.title })), tokens });
    }
  }

  private async reflect(): Promise<void> {
    await reflectIntoMemory({
      llm: this.options.llm, conversation: this.conversation, detector: this.detector, contextFor: (callId) => this.contextFor(callId),
      emit: this.bus.emit, signal: this.options.signal, secrets: this.options.secrets ?? [],
      onUsage: (usage) => this.recordUsage(usage),
    });
  }

  private restore(): void {
    const resume = this.options.resume;
    if (!resume) return;
    this.isRestoring = true;
    for (const message of resume.history) {
      if (message.role === 'assistant') this.conversation.startRound();
      this.conversation.add(message);
    }
    this.isRestoring = false;
    if (resume.plan.length) this.task.updatePlan(resume.plan, 'Resumed');
    if (resume.usage) this.emit({ type: 'usageUpdated', request: zeroUsage(), total: { ...this.meter.total }, contextTokens: 0, contextWindow: this.window, ...this.costFlag() });
    if (resume.followUp) this.conversation.add({ role: 'user', content: followUpMessage(resume.followUp) });
  }

  /** A resumed task first runs the calls its last answer left without results (interrupted while they waited). */
  private async runUnansweredCalls(): Promise<Ending | undefined> {
    const calls = this.options.resume ? unansweredCalls(this.conversation.history) : [];
    if (calls.length === 0) return undefined;
    try {
      await dispatchToolCalls({
        calls, finishReason: 'tool_calls', registry: this.options.tools, conversation: this.conversation, detector: this.detector,
        contextFor: (callId) => this.contextFor(callId), emit: this.bus.emit, signal: this.options.signal, secrets: this.options.secrets ?? [],
      }, new Set());
      this.relayUserWords();
      return await this.handleFinish();
    } catch (err) {
      if (this.options.signal.aborted) return stopped('user_stopped', 'Stopped by the user.');
      throw err;
    }
  }

  private async loop(): Promise<Ending> {
    for (;;) {
      if (this.options.signal.aborted) return stopped('user_stopped', 'Stopped by the user.');
      const budget = this.meter.exceeded();
      if (budget) return stopped(budget.reason, budget.message);
      const ending = await this.roundOrStop();
      if (ending) return ending;
    }
  }

  /** A stop while the task waits on the user (an approval, a question) ends the task cleanly, not with a throw. */
  private async roundOrStop(): Promise<Ending | undefined> {
    try {
      return await this.round();
    } catch (err) {
      if (this.options.signal.aborted) return stopped('user_stopped', 'Stopped by the user.');
      throw err;
    }
  }

  /** One round: ask the model, run its tool calls, then check finish and loop rules. */
  private async round(): Promise<Ending | undefined> {
    this.meter.countStep();
    this.emit({ type: 'stepStarted', step: this.meter.steps });
    await this.condenseIfNeeded(condenseAt);
    const response = await this.requestModel();
    if ('reason' in response) return response;
    const { calls, duplicates } = dedupeCallIds(response.toolCalls);
    this.conversation.startRound();
    this.conversation.add({
      role: 'assistant', content: response.text || null,
      ...(calls.length ? { toolCalls: calls } : {}),
      ...(response.reasoning ? { reasoning: response.reasoning } : {}),
      ...(response.metadata ? { metadata: response.metadata } : {}),
    });
    if (response.text) this.emit({ type: 'assistantMessageCompleted', text: response.text });
    const editsBefore = this.task.editCount;
    await dispatchToolCalls({
      calls, finishReason: response.finishReason, registry: this.options.tools, conversation: this.conversation, detector: this.detector,
      contextFor: (callId) => this.contextFor(callId), emit: this.bus.emit, signal: this.options.signal, secrets: this.options.secrets ?? [],
    }, duplicates);
    this.relayUserWords();
    this.detector.noteRound(calls.length > 0);
    if (this.task.editCount > editsBefore) this.detector.noteEdit();
    if (calls.length === 0) this.conversation.add({ role: 'user', content: steering.noToolCall });
    const ending = await this.handleFinish();
    this.relayUserWords();
    return ending ?? this.checkLoops();
  }

  /** The user's answers and rejection reasons since the last call, as their own message (after the tool results). */
  private relayUserWords(): void {
    const words = this.task.takeUserWords();
    if (words.length) this.conversation.add({ role: 'user', content: userWordsMessage(words) });
  }

  /** Calls the model, retrying a dropped or stalled stream (bounded) and condensing once on overflow. */
  private async requestModel(): Promise<ChatResponse | Ending> {
    let hasCondensedForOverflow = false;
    for (let attempt = 0; ; attempt++) {
      try {
        // A key split across two deltas would pass a per-delta redaction; the stream redactor holds back a tail.
        const streamed = new StreamRedactor(this.options.secrets ?? []);
        const thought = new StreamRedactor(this.options.secrets ?? []);
        const emitText = (text: string): void => { if (text) this.emit({ type: 'textStreamed', text }); };
        const emitThinking = (text: string): void => { if (text) this.emit({ type: 'thinkingStreamed', text }); };
        const response = await this.options.llm.complete({
          messages: this.conversation.toRequest(reflectionMessage(this.task.plan, this.meter.note())),
          tools: this.options.tools.toOpenAiTools(), signal: this.options.signal,
          onText: (text) => { emitThinking(thought.flush()); emitText(streamed.push(text)); },
          onThinking: (text) => emitThinking(thought.push(text)),
        });
        emitThinking(thought.flush());
        emitText(streamed.flush());
        this.recordUsage(response.usage);
        return response;
      } catch (err) {
        const error = err instanceof LlmError ? err : new LlmError('connection', String(err));
        if (error.kind === 'cancelled' || this.options.signal.aborted) return stopped('user_stopped', 'Stopped by the user.');
        // The endpoint's real window is smaller than we thought: halve what we send, once.
        if (error.kind === 'context_overflow' && !hasCondensedForOverflow && await this.condense(Math.floor(this.conversation.estimateTokens() / 2), 1)) {
          hasCondensedForOverflow = true;
          continue;
        }
        if (isStreamFault(error) && attempt < maxStreamRetries) {
          this.emit({ type: 'errorOccurred', message: `${error.message} Retrying (${attempt + 1}/${maxStreamRetries}).`, code: error.kind });
          continue;
        }
        this.emit({ type: 'errorOccurred', message: error.message, code: error.kind });
        return stopped('model_error', error.message);
      }
    }
  }

  private recordUsage(usage: Usage): void {
    this.meter.add(usage);
    this.emit({ type: 'usageUpdated', request: usage, total: { ...this.meter.total }, contextTokens: usage.promptTokens, contextWindow: this.window, ...this.costFlag() });
  }

  /** Condenses when the estimate passes `fraction` of the window. */
  private async condenseIfNeeded(fraction: number): Promise<void> {
    if (this.conversation.estimateTokens() > this.window * fraction) await this.condense(Math.floor(this.window * condenseTo), 2);
  }

  /** Condenses down to `targetTokens`; returns whether anything was removed. */
  /** The deterministic step first (the floor); then, with a condensing model, its summary beside the lines. */
  private async condense(targetTokens: number, keepRounds: number): Promise<boolean> {
    const before = this.conversation.estimateTokens();
    const removed = this.conversation.condense(targetTokens, keepRounds);
    if (removed === 0) return false;
    const { condenseLlm, signal, secrets } = this.options;
    const isSummarised = condenseLlm
      ? await summariseCondensed({ llm: condenseLlm, conversation: this.conversation, signal, secrets: secrets ?? [], onUsage: (usage) => this.meter.add(usage) })
      : false;
    this.conversation.takeCondensed();
    this.emit({
      type: 'contextCondensed', removedMessages: removed, tokensBefore: before, tokensAfter: this.conversation.estimateTokens(),
      ...(isSummarised && condenseLlm ? { summarizedBy: condenseLlm.model } : {}),
    });
    return true;
  }

  private async handleFinish(): Promise<Ending | undefined> {
    const summary = this.task.takeFinishRequest();
    if (summary === undefined) return undefined;
    // An explore sub-agent has only read tools, so it changed nothing that checks could verify: its finish is its answer.
    if (this.identity.kind === 'explore' && this.identity.depth > 0) return { reason: 'completed', summary, isVerified: false };
    const verdict = await verifyBeforeFinish({
      ctx: this.contextFor('verification'), task: this.task, goals: this.options.goals,
      runTests: this.options.runTests ?? (async () => undefined),
    });
    if (verdict.isPassed) return { reason: 'completed', summary: verdict.isVerifiable ? summary : `${summary}\n\n(Unverified: ${verdict.evidence})`, isVerified: verdict.isVerifiable };
    this.emit({ type: 'finishRefused', reason: verdict.evidence });
    this.conversation.add({ role: 'user', content: steering.finishRefused(verdict.evidence) });
    return undefined;
  }

  private checkLoops(): Ending | undefined {
    const verdict = this.detector.check();
    if (verdict.kind === 'ok') return undefined;
    if (verdict.kind === 'stop') return stopped('loop_detected', verdict.message);
    this.emit({ type: 'modelSteered', reason: verdict.message });
    this.conversation.add({ role: 'user', content: verdict.message });
    return undefined;
  }

  private contextFor(callId: string): ToolContext {
    const { host, settings, roots, signal } = this.options;
    const approveOutsideRead = async (abs: string): Promise<boolean> => (await this.gate.check({
      callId, risk: 'read', toolName: 'read', title: `Read outside the workspace: ${abs}`, detail: `${abs} is outside ${roots.join(', ')}.`, paths: [abs], isAlwaysAsk: true, alwaysAskReason: 'reads outside the workspace always ask',
    })).isAllowed;
    const guard = new WorkspacePathGuard(roots, host.files, approveOutsideRead, host.homeDir);
    const paths = {
      resolve: async (input: string, access: Parameters<typeof guard.resolve>[1]) => {
        const resolved = await guard.resolve(input, access);
        if (access === 'read') this.filesRead.add(guard.display(resolved.abs));
        return resolved;
      },
      display: (abs: string) => guard.display(abs),
    };
    return {
      host, settings, roots, paths, permissions: this.gate, changes: this.changes, task: this.task, callId, signal, emit: this.bus.emit, hasVision: this.modelInfo.hasVision,
      ...this.options.contextExtras, subagents: this.spawner,
    };
  }

  /** The sub-agents' model, or the model a user's agent names (another model of the same endpoint). */
  private async childLlm(agent: AgentDefinition | undefined): Promise<LlmClient> {
    const fallback = this.options.subagentLlm ?? this.options.llm;
    if (!agent?.model || agent.model === fallback.model || !this.options.llmForModel) return fallback;
    return this.options.llmForModel(agent.model);
  }

  /** Runs a sub-agent as a task run of its own, counted on this run's meter, and collects what its report needs. */
  private async runChild(child: ChildSpec): Promise<ChildResult> {
    const { request, identity, agent } = child;
    const goalText = request.context.trim() ? `${request.goal}\n\nContext from the agent that delegated this:\n${request.context}` : request.goal;
    const llm = await this.childLlm(agent);
    const run = new TaskRun({
      ...this.options, taskId: childTaskId(this.options.taskId, identity.id ?? 'sub'), goals: [{ text: goalText, successCriterion: identity.kind === 'act' ? request.successCriterion : undefined }],
      settings: { ...this.options.settings, budgets: child.budgets }, tools: child.tools, host: child.host, onEvent: child.onEvent,
      llm, runTests: identity.kind === 'act' ? this.options.runTests : undefined, isCostSaid: llm.model === this.options.llm.model,
      resume: undefined, reflectIntoMemory: false, agent: identity, parentMeter: this.meter, role: agent,
    });
    try {
      const outcome = await run.execute();
      const roots = this.options.roots;
      const display = (abs: string): string => new WorkspacePathGuard(roots, this.options.host.files, async () => false, this.options.host.homeDir).display(abs);
      return {
        reason: outcome.reason, summary: outcome.summary, steps: outcome.steps, tokens: outcome.usage.promptTokens + outcome.usage.completionTokens,
        costUsd: outcome.usage.costUsd, filesRead: [...run.filesRead], filesChanged: [...run.task.editedPaths].map(display), checks: run.task.verifications.map((v) => ({ command: v.command, isPassed: v.isPassed, summary: v.summary })),
      };
    } finally {
      await run.close();
    }
  }
}

function zeroUsage(): Usage {
  return { promptTokens: 0, completionTokens: 0, cachedTokens: 0, costUsd: 0 };
}

function stopped(reason: StopReason, summary: string): Ending {
  return { reason, summary, isVerified: false };
}

function isStreamFault(error: LlmError): boolean {
  return error.kind === 'stream_dropped' || error.kind === 'stalled' || error.kind === 'malformed_response';
}
