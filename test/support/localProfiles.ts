/**
 * Profiles of the OpenAI-compatible servers users run themselves, for the server matrix: Ollama, vLLM, the
 * llama.cpp server and LM Studio. Each reproduces its stream shapes, error bodies and the requests it rejects,
 * as its docs and public trackers show them (cited per profile).
 */
import { envelope, finishReasonOf, nextId, reasoningDeltas, streamedCalls, textDeltas, usageOf, wantsUsage, wholeCalls, type Delta, type MatrixProfile } from './profileKit';
import { piecesOf, type ChatRequestBody, type RecordedRequest, type ScriptStep } from './scriptedServer';

function unknownModel(request: RecordedRequest, model: string, body: (name: string) => object): { status: number; body: unknown } | undefined {
  return request.body.model === model ? undefined : { status: 404, body: body(String(request.body.model)) };
}

function usageChunk(body: ChatRequestBody, step: ScriptStep, chunk: ReturnType<typeof envelope>): object[] {
  return wantsUsage(body) ? [{ ...(chunk({}) as object), choices: [], usage: usageOf(step) }] : [];
}

/**
 * Ollama's `/v1` endpoint. A thinking model's trace streams as `delta.reasoning` (dirac-run/dirac#227, with raw
 * SSE from Ollama 0.34; QwenLM/Qwen-Agent#843), each tool call arrives whole in one delta, and errors use
 * OpenAI's envelope with `type: "api_error"`; an unpulled model is a 404 "model … not found, try pulling it
 * first". Ollama's docs recommend sending the reasoning back with tool results (docs.ollama.com/capabilities/
 * tool-calling, via karthink/gptel#1118).
 */
export function ollamaProfile(): MatrixProfile {
  const model = 'qwen3:8b';
  return {
    name: 'Ollama', basePath: '/v1', model, showsThinking: true,
    readme: { server: 'Ollama', baseUrl: 'http://localhost:11434/v1', model: 'the pulled tag, e.g. `qwen3:8b`', caveats: 'Needs a model with tool support (`ollama show` lists "tools"); `reasoning` is shown as thinking and sent back with tool turns.' },
    basis: ['docs.ollama.com/api/openai-compatibility', 'docs.ollama.com/capabilities/tool-calling', 'dirac-run/dirac#227'],
    chunks(body, step) {
      const chunk = envelope(body, nextId('chatcmpl-'));
      const deltas: Delta[] = [...reasoningDeltas(step, 'reasoning').map((d) => ({ content: '', ...d })), ...textDeltas(step), ...wholeCalls(step, () => `call_${nextId('')}`)];
      return [...deltas.map((d, i) => chunk(i === 0 ? { role: 'assistant', ...d } : d)), chunk({ role: 'assistant', content: '' }, finishReasonOf(step)), ...usageChunk(body, step, chunk)];
    },
    check: (request) => unknownModel(request, model, (name) => ({ error: { message: `model "${name}" not found, try pulling it first`, type: 'api_error', param: null, code: null } })),
    errorBody: (_status, message) => ({ error: { message, type: 'api_error', param: null, code: null } }),
  };
}

/**
 * vLLM's OpenAI-compatible server (`vllm serve MODEL --enable-auto-tool-choice --tool-call-parser hermes
 * --reasoning-parser qwen3`). Reasoning streams as `delta.reasoning` (vllm-project/vllm#49216, 2026; older
 * releases used `reasoning_content`), tool arguments arrive in many small pieces after a first delta with the
 * name (vllm-project/vllm#13078), and errors are a top-level `{ object: "error", message, type, code }`
 * (vllm-project/vllm#10015; openai/openai-agents-python#2129). The model is the name it was served under.
 */
export function vllmProfile(): MatrixProfile {
  const model = 'Qwen/Qwen3-8B';
  return {
    name: 'vLLM', basePath: '/v1', model, showsThinking: true,
    readme: { server: 'vLLM', baseUrl: 'http://localhost:8000/v1', model: 'the served name (the Hugging Face id, or `--served-model-name`)', caveats: 'Start with `--enable-auto-tool-choice --tool-call-parser <parser>` (else every request with tools is a 400); `--reasoning-parser` for thinking.' },
    basis: ['docs.vllm.ai/en/latest/features/tool_calling.html', 'docs.vllm.ai/en/latest/features/reasoning_outputs.html', 'vllm-project/vllm#49216', 'vllm-project/vllm#10015'],
    chunks(body, step) {
      const chunk = envelope(body, nextId('chatcmpl-'));
      const deltas = [...reasoningDeltas(step, 'reasoning'), ...textDeltas(step), ...streamedCalls(step, () => `chatcmpl-tool-${nextId('')}`)];
      return [chunk({ role: 'assistant', content: '' }), ...deltas.map((d) => chunk(d)), chunk({}, finishReasonOf(step)), ...usageChunk(body, step, chunk)];
    },
    check: (request) => unknownModel(request, model, (name) => ({ object: 'error', message: `The model \`${name}\` does not exist.`, type: 'NotFoundError', param: null, code: 404 })),
    errorBody: (status, message) => ({ object: 'error', message, type: 'BadRequestError', param: null, code: status }),
  };
}

/**
 * The llama.cpp server (`llama-server --jinja`). Reasoning streams as `reasoning_content` (`--reasoning-format
 * deepseek`), the last chunk carries `usage` and `timings` whether asked or not, and it sends one tool call per
 * turn unless the request sets `parallel_tool_calls: true` (tools/server/README.md: "parallel_tool_calls …
 * default: false"). Errors are `{ error: { code, message, type } }`.
 */
export function llamaCppProfile(): MatrixProfile {
  return {
    name: 'llama.cpp server', basePath: '/v1', model: 'qwen3-8b-q4_k_m.gguf', showsThinking: true,
    readme: { server: 'llama.cpp `llama-server`', baseUrl: 'http://localhost:8080/v1', model: 'any name (the loaded GGUF answers)', caveats: 'Start with `--jinja` for tools; parallel calls need `parallel_tool_calls` (sent by the agent).' },
    basis: ['github.com/ggml-org/llama.cpp/blob/master/tools/server/README.md', 'github.com/ggml-org/llama.cpp/blob/master/docs/function-calling.md'],
    chunks(body, step) {
      const chunk = envelope(body, nextId('chatcmpl-'));
      const calls = streamedCalls(step, () => nextId('llama-call-'), body.parallel_tool_calls === true ? Infinity : 1);
      const deltas = [...reasoningDeltas(step, 'reasoning_content'), ...textDeltas(step), ...calls];
      const timings = { prompt_n: 100, prompt_ms: 40.5, predicted_n: 20, predicted_ms: 310.2 };
      return [chunk({ role: 'assistant', content: null }), ...deltas.map((d) => chunk(d)), chunk({}, finishReasonOf(step), { usage: usageOf(step), timings })];
    },
    errorBody: (status, message) => ({ error: { code: status, message, type: status >= 500 ? 'server_error' : 'invalid_request_error' } }),
  };
}

/**
 * LM Studio's local server (`localhost:1234/v1`). Without its "separate reasoning_content" setting a thinking
 * model's reasoning arrives inline as `<think>…</think>` in `content` (lmstudio-ai/lmstudio-bug-tracker#1569,
 * #1368), and errors are `{ "error": "<text>" }` with a plain string (Zazza/sd-ai#2 quotes LM Studio 0.4's body).
 */
export function lmStudioProfile(): MatrixProfile {
  return {
    name: 'LM Studio', basePath: '/v1', model: 'qwen/qwen3-4b-thinking-2507', showsThinking: true,
    readme: { server: 'LM Studio', baseUrl: 'http://localhost:1234/v1', model: 'the loaded model id, e.g. `qwen/qwen3-4b-thinking-2507`', caveats: 'Inline `<think>` blocks are shown as thinking, not as the answer; load a model with tool use.' },
    basis: ['lmstudio.ai/docs/app/api/endpoints/openai', 'lmstudio.ai/docs/app/api/tools', 'lmstudio-ai/lmstudio-bug-tracker#1569'],
    chunks(body, step) {
      const chunk = envelope(body, nextId('chatcmpl-'));
      const inline = step.reasoning ? `<think>\n${step.reasoning}\n</think>\n\n${step.text ?? ''}` : step.text;
      const deltas = [...piecesOf(inline).map((content) => ({ content })), ...streamedCalls(step, () => nextId(''))];
      return [chunk({ role: 'assistant', content: '' }), ...deltas.map((d) => chunk(d)), chunk({}, finishReasonOf(step)), ...usageChunk(body, step, chunk)];
    },
    errorBody: (_status, message) => ({ error: message }),
  };
}
