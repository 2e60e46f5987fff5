/**
 * The sidebar chat's runner: the engine's model client and read-only tools, with the VS Code host. Every side
 * effect is refused by its permission gate, so the chat also works in Restricted Mode.
 */
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { ChangeProposer } from '../core/edits/changeProposer';
import { truncateToolOutput } from '../core/loop/conversation';
import { frameToolResult } from '../core/loop/prompts';
import { TaskState } from '../core/loop/taskState';
import { WorkspacePathGuard } from '../core/policy/pathGuard';
import type { PermissionGate } from '../core/policy/permissionGate';
import { redactSecrets } from '../core/policy/redact';
import { allTools } from '../core/tools';
import { ToolRegistry } from '../core/tools/registry';
import type { ToolContext } from '../core/tools/tool';
import type { ToolCallRequest } from '../core/llm/llmClient';
import { createEngineServices } from '../node/engineServices';
import { chatSystemPrompt } from './chatPrompt';
import type { ChatRunner } from './chatView';
import type { EngineBridge } from './engineBridge';
import { readAgentSettings } from './vscodeSettings';

/** Tools that only make sense inside a task. */
const taskOnlyTools = new Set(['finish', 'update_plan', 'ask_user']);
const maxRounds = 8;

/** The chat refuses every side effect and every read outside the workspace; it never asks. */
const readOnlyGate: PermissionGate = {
  check: async (request) => (request.risk === 'read'
    ? { isAllowed: true }
    : { isAllowed: false, reason: 'The chat is read-only; the user can hand this to the agent with "Start agent on this".', isUserDecision: false }),
};

const refusingChanges: ChangeProposer = {
  propose: async () => ({ isApplied: false, changeId: 'chat', reason: 'The chat is read-only.' }),
};

export function createChatRunner(engine: EngineBridge): ChatRunner {
  return async ({ question, history, onText, signal }) => {
    const settings = readAgentSettings();
    const host = engine.createHost();
    const roots = await engine.roots();
    if (roots.length === 0) throw new Error('Open a folder first: the chat answers questions about workspace folders.');
    const services = await createEngineServices({ host, settings, roots, storageDir: engine.storageDir });
    try {
      const registry = new ToolRegistry(allTools).filter((t) => t.risk === 'read' && !taskOnlyTools.has(t.name));
      const paths = new WorkspacePathGuard(roots, host.files, async () => false, host.homeDir);
      const task = new TaskState('chat', [{ text: question }], () => undefined);
      const base: ToolContext = {
        host, settings, roots, paths, permissions: readOnlyGate, changes: refusingChanges, task, callId: '', signal,
        emit: () => undefined, ...(services.contextExtras ?? {}),
      };
      const messages: ChatCompletionMessageParam[] = [
        { role: 'system', content: chatSystemPrompt(roots) },
        ...history.map((t) => ({ role: t.role, content: t.text }) as ChatCompletionMessageParam),
        { role: 'user', content: question },
      ];
      const llm = await engine.createLlm(settings);
      const secrets = engine.secrets();
      for (let round = 0; round < maxRounds; round++) {
        const answer = await llm.complete({ messages, tools: registry.toOpenAiTools(), signal, onText });
        if (answer.toolCalls.length === 0) return redactSecrets(answer.text, secrets);
        messages.push(assistantTurn(answer.text, answer.toolCalls));
        for (const call of answer.toolCalls) messages.push(await runTool(registry, call, { ...base, callId: call.id }, secrets));
      }
      return 'I could not finish looking this up within the chat\'s tool budget. Ask a narrower question, or start the agent on it.';
    } finally {
      await services.dispose();
    }
  };
}

function assistantTurn(text: string, calls: ToolCallRequest[]): ChatCompletionMessageParam {
  return {
    role: 'assistant', content: text || null,
    tool_calls: calls.map((c) => ({ id: c.id, type: 'function' as const, function: { name: c.name, arguments: c.arguments } })),
  };
}

async function runTool(registry: ToolRegistry, call: ToolCallRequest, ctx: ToolContext, secrets: string[]): Promise<ChatCompletionMessageParam> {
  const prepared = registry.prepare(call.name, call.arguments);
  const result = 'error' in prepared ? { output: prepared.error, isError: true } : await registry.run(prepared, ctx);
  const output = truncateToolOutput(redactSecrets(result.output, secrets));
  return { role: 'tool', tool_call_id: call.id, content: frameToolResult(call.name, output, Boolean(result.isError)) };
}
