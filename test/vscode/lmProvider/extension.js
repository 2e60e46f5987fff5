// A scripted chat model for Auto Agent's tests, registered through VS Code's Language Model Chat Provider API.
// Each request takes the first answer from the JSON queue in AUTO_AGENT_LM_SCRIPT (read on every request, so a
// test can enqueue while code-server runs) and appends what it was sent to AUTO_AGENT_LM_LOG (one JSON a line).
// An answer is { text?, toolCalls?: [{ name, arguments }], hang?: true }; `hang` waits for cancellation.
const fs = require('fs');
const vscode = require('vscode');

const models = [
  { id: 'scripted-model', name: 'Scripted Model', family: 'scripted', version: '1', maxInputTokens: 64000, maxOutputTokens: 4096, capabilities: { toolCalling: true, imageInput: false } },
  { id: 'scripted-mini', name: 'Scripted Mini', family: 'scripted', version: '1', maxInputTokens: 16000, maxOutputTokens: 2048, capabilities: { toolCalling: true } },
];

function nextAnswer() {
  const file = process.env.AUTO_AGENT_LM_SCRIPT;
  if (!file || !fs.existsSync(file)) return { text: '(the scripted model has no answer queued)' };
  const queue = JSON.parse(fs.readFileSync(file, 'utf8'));
  const answer = queue.shift();
  fs.writeFileSync(file, JSON.stringify(queue));
  return answer || { text: '(the scripted model has no answer queued)' };
}

function partOf(part) {
  if (part instanceof vscode.LanguageModelTextPart) return { type: 'text', value: part.value };
  if (part instanceof vscode.LanguageModelToolCallPart) return { type: 'toolCall', callId: part.callId, name: part.name, input: part.input };
  if (part instanceof vscode.LanguageModelToolResultPart) return { type: 'toolResult', callId: part.callId, content: part.content.map((c) => (c instanceof vscode.LanguageModelTextPart ? c.value : String(c))) };
  if (vscode.LanguageModelDataPart && part instanceof vscode.LanguageModelDataPart) return { type: 'data', mimeType: part.mimeType, bytes: part.data.length };
  return { type: 'other' };
}

function log(record) {
  if (process.env.AUTO_AGENT_LM_LOG) fs.appendFileSync(process.env.AUTO_AGENT_LM_LOG, `${JSON.stringify(record)}\n`);
}

function textOf(value) {
  if (typeof value === 'string') return value;
  return value.content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : JSON.stringify(partOf(p)))).join('');
}

const provider = {
  provideLanguageModelChatInformation: async () => models,
  async provideLanguageModelChatResponse(model, messages, options, progress, token) {
    const tools = (options.tools || []).map((t) => t.name);
    log({ model: model.id, tools, messages: messages.map((m) => ({ role: m.role === vscode.LanguageModelChatMessageRole.User ? 'user' : 'assistant', parts: m.content.map(partOf) })) });
    const answer = nextAnswer();
    if (answer.hang) {
      await new Promise((resolve) => token.onCancellationRequested(resolve));
      log({ cancelled: true });
      return;
    }
    if (answer.text) progress.report(new vscode.LanguageModelTextPart(answer.text));
    (answer.toolCalls || []).forEach((call, i) => {
      progress.report(new vscode.LanguageModelToolCallPart(`call_${Date.now()}_${i}`, call.name, call.arguments));
    });
  },
  provideTokenCount: async (_model, text) => Math.ceil(textOf(text).length / 4),
};

exports.activate = function activate(context) {
  context.subscriptions.push(vscode.lm.registerLanguageModelChatProvider('auto-agent-test', provider));
};

exports.deactivate = function deactivate() {};
