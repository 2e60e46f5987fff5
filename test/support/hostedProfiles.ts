/**
 * Profiles of hosted OpenAI-compatible APIs for the server matrix: Gemini's compatibility layer, OpenRouter,
 * DeepSeek, Groq and Azure OpenAI. Each reproduces its family's stream shapes, error bodies and the requests it
 * rejects, as its docs and public trackers show them (cited per profile). A profile is a factory: some keep
 * state between requests (the signatures Gemini issued).
 */
import { envelope, finishReasonOf, nextId, reasoningDeltas, streamedCalls, textDeltas, toolTurns, usageOf, wantsUsage, wholeCalls, type Delta, type MatrixProfile } from './profileKit';
import { toolCallsOf } from './scriptedServer';

/**
 * Gemini's OpenAI compatibility (`generativelanguage.googleapis.com/v1beta/openai/`). Parallel calls arrive each
 * complete, each with its own id, all at `index: 0` (NousResearch/hermes-agent#57939, #62937: "distinct parallel
 * calls to the same tool are merged into one tool call"). The first call of a turn carries
 * `extra_content.google.thought_signature`; a later request whose history lacks it is refused with a 400 whose
 * body is a JSON array (lbjlaq/Antigravity-Manager#938, manthanabc/paws#103; ai.google.dev/gemini-api/docs/
 * thought-signatures; continuedev/continue#8865 sends it back on the first call only).
 */
export function geminiProfile(): MatrixProfile {
  const issued = new Map<string, string>();
  return {
    name: 'Gemini (OpenAI compatibility)', basePath: '/v1beta/openai', model: 'gemini-2.5-flash', showsThinking: false,
    readme: { server: 'Gemini API (OpenAI compatibility)', baseUrl: 'https://generativelanguage.googleapis.com/v1beta/openai', model: '`gemini-2.5-flash`, `gemini-2.5-pro`', caveats: 'Parallel calls all come at index 0 (keyed by id); thought signatures are kept on the calls and sent back, also after resume.' },
    basis: ['ai.google.dev/gemini-api/docs/openai', 'ai.google.dev/gemini-api/docs/thought-signatures', 'NousResearch/hermes-agent#57939', 'lbjlaq/Antigravity-Manager#938'],
    chunks(body, step) {
      const chunk = envelope(body, nextId('gem-'));
      const calls = toolCallsOf(step).map((call, i) => {
        const id = nextId('function-call-');
        const signature = i === 0 ? Buffer.from(`sig:${id}`).toString('base64') : undefined;
        if (signature) issued.set(id, signature);
        return { index: 0, id, type: 'function', function: call.function, ...(signature ? { extra_content: { google: { thought_signature: signature } } } : {}) };
      });
      const usage = wantsUsage(body) ? { usage: usageOf(step) } : {};
      return [
        ...textDeltas(step).map((d) => chunk({ role: 'assistant', ...d })),
        ...calls.map((call) => chunk({ role: 'assistant', tool_calls: [call] })),
        chunk({}, finishReasonOf(step), usage),
      ];
    },
    check(request) {
      for (const { position, message } of toolTurns(request)) {
        const [first] = message.tool_calls ?? [];
        const sent = (first.extra_content as { google?: { thought_signature?: string } } | undefined)?.google?.thought_signature;
        if (!issued.has(first.id) || sent === issued.get(first.id)) continue;
        return { status: 400, body: [{ error: { code: 400, message: `Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly, and missing thought_signature may lead to degraded model performance. Additional data, function call \`default_api:${first.function.name}\` , position ${position}. Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details.`, status: 'INVALID_ARGUMENT' } }] };
      }
      return undefined;
    },
    errorBody: (status, message) => [{ error: { code: status, message, status: 'INVALID_ARGUMENT' } }],
  };
}

/**
 * OpenRouter. SSE comment lines while the upstream works (`: OPENROUTER PROCESSING`), reasoning as `reasoning`
 * with the structured `reasoning_details` beside it, usage (with `cost`) in a final chunk. With a reasoning
 * model and tools, the reasoning blocks must come back with the tool turn ("Preserving reasoning blocks",
 * openrouter.ai/docs/use-cases/reasoning-tokens; RooCodeInc/Roo-Code#9506); otherwise the upstream's 400 comes
 * back wrapped in OpenRouter's `{ error: { code, message, metadata: { raw, provider_name } } }`.
 */
export function openRouterProfile(): MatrixProfile {
  return {
    name: 'OpenRouter', basePath: '/api/v1', model: 'anthropic/claude-sonnet-4.5', showsThinking: true, reportsReasoningTokens: true,
    readme: { server: 'OpenRouter', baseUrl: 'https://openrouter.ai/api/v1', model: '`vendor/model`, e.g. `anthropic/claude-sonnet-4.5`', caveats: 'Reasoning (`reasoning`, `reasoning_details`) is shown as thinking and sent back with tool turns, as reasoning models need.' },
    basis: ['openrouter.ai/docs/api-reference/streaming', 'openrouter.ai/docs/use-cases/reasoning-tokens', 'RooCodeInc/Roo-Code#9506', 'braintrustdata/braintrust-sdk-javascript#1883'],
    chunks(body, step) {
      const chunk = envelope(body, nextId('gen-'));
      const signature = `EqQB${nextId('sig')}`;
      const reasoning: Delta[] = reasoningDeltas(step, 'reasoning').map((d) => ({ ...d, reasoning_details: [{ type: 'reasoning.text', text: d.reasoning, format: 'anthropic-claude-v1', index: 0 }] }));
      // Extended thinking signs every turn's thinking block, even one with no text to show.
      reasoning.push({ reasoning_details: [{ type: 'reasoning.text', signature, format: 'anthropic-claude-v1', index: 0 }] });
      return [
        ': OPENROUTER PROCESSING', ': OPENROUTER PROCESSING',
        ...[...reasoning, ...textDeltas(step), ...streamedCalls(step, () => `toolu_${nextId('')}`)].map((d) => chunk({ role: 'assistant', ...d })),
        chunk({}, finishReasonOf(step), {}, { native_finish_reason: step.toolCalls?.length ? 'tool_use' : 'end_turn' }),
        { ...(chunk({}) as object), choices: [], usage: { ...usageOf(step), cost: 0.00042, completion_tokens_details: { reasoning_tokens: 5 } } },
      ];
    },
    check(request) {
      const bare = toolTurns(request).find(({ message }) => !(Array.isArray(message.reasoning_details) && message.reasoning_details.some((d: { signature?: string }) => d.signature)));
      if (!bare) return undefined;
      const raw = JSON.stringify({ type: 'error', error: { type: 'invalid_request_error', message: `messages.${bare.position}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`tool_use\`. When \`thinking\` is enabled, a final \`assistant\` message must start with a thinking block.` } });
      return { status: 400, body: { error: { code: 400, message: 'Provider returned error', metadata: { raw, provider_name: 'Anthropic' } } } };
    },
    errorBody: (status, message) => ({ error: { code: status, message: 'Provider returned error', metadata: { raw: message, provider_name: 'Anthropic' } } }),
  };
}

/**
 * DeepSeek (`api.deepseek.com`). Thinking mode streams `reasoning_content` before `content`, sends `: keep-alive`
 * comments, and reports cache hits as `prompt_cache_hit_tokens`. A tool turn's `reasoning_content` must be
 * passed back in every later request, or the API answers 400 "The reasoning_content in the thinking mode must be
 * passed back to the API." (api-docs.deepseek.com/guides/thinking_mode; anomalyco/opencode#24722, #24083).
 */
export function deepSeekProfile(): MatrixProfile {
  return {
    name: 'DeepSeek', basePath: '', model: 'deepseek-reasoner', showsThinking: true, reportsReasoningTokens: true,
    readme: { server: 'DeepSeek', baseUrl: 'https://api.deepseek.com', model: '`deepseek-chat`, `deepseek-reasoner`', caveats: '`reasoning_content` is shown as thinking and sent back with tool turns (thinking mode requires it); cache hits counted.' },
    basis: ['api-docs.deepseek.com/guides/thinking_mode', 'api-docs.deepseek.com/api/create-chat-completion', 'anomalyco/opencode#24722'],
    chunks(body, step) {
      const chunk = envelope(body, nextId('ds-'));
      const usage = usageOf(step) as { prompt_tokens: number; completion_tokens: number; total_tokens: number };
      const cacheHit = Math.floor(usage.prompt_tokens / 2);
      return [
        ': keep-alive',
        chunk({ role: 'assistant', content: null, reasoning_content: '' }),
        ...reasoningDeltas(step, 'reasoning_content').map((d) => chunk({ content: null, ...d })),
        ...[...textDeltas(step), ...streamedCalls(step, (i) => `call_0${i}_${nextId('')}`)].map((d) => chunk({ reasoning_content: null, ...d })),
        chunk({ content: '' }, finishReasonOf(step)),
        ...(wantsUsage(body) ? [{ ...(chunk({}) as object), choices: [], usage: { ...usage, prompt_tokens_details: undefined, prompt_cache_hit_tokens: cacheHit, prompt_cache_miss_tokens: usage.prompt_tokens - cacheHit, completion_tokens_details: { reasoning_tokens: 7 } } }] : []),
      ];
    },
    check(request) {
      if (!toolTurns(request).some(({ message }) => typeof message.reasoning_content !== 'string')) return undefined;
      return { status: 400, body: { error: { message: 'The reasoning_content in the thinking mode must be passed back to the API.', type: 'invalid_request_error', param: null, code: 'invalid_request_error' } } };
    },
  };
}

/**
 * Groq (`api.groq.com/openai/v1`). Each tool call arrives whole in one delta; usage rides in `x_groq.usage` on
 * the last chunk (plus a usage chunk when `include_usage` is asked: Portkey-AI/gateway#1072, #1338). With
 * `reasoning_format: parsed` the reasoning streams as `reasoning`, but Groq refuses it back on an assistant
 * message: "property 'reasoning' is unsupported" (karthink/gptel#774; janhq/jan#8136 for `reasoning_content`).
 */
export function groqProfile(): MatrixProfile {
  return {
    name: 'Groq', basePath: '/openai/v1', model: 'deepseek-r1-distill-llama-70b', showsThinking: true, adapts: ['reasoning'],
    readme: { server: 'Groq', baseUrl: 'https://api.groq.com/openai/v1', model: 'Groq model ids, e.g. `llama-3.3-70b-versatile`, `openai/gpt-oss-120b`', caveats: 'Usage read from `x_groq.usage`; Groq refuses reasoning sent back, so after its 400 it is left out for the endpoint (logged).' },
    basis: ['console.groq.com/docs/api-reference', 'console.groq.com/docs/reasoning', 'karthink/gptel#774', 'janhq/jan#8136', 'Portkey-AI/gateway#1072'],
    chunks(body, step) {
      const requestId = nextId('req_');
      const chunk = envelope(body, nextId('chatcmpl-'));
      const deltas = [...reasoningDeltas(step, 'reasoning'), ...textDeltas(step), ...wholeCalls(step, () => `call_${nextId('')}`)];
      const usage = usageOf(step);
      return [
        chunk({ role: 'assistant', content: '' }, null, { x_groq: { id: requestId } }),
        ...deltas.map((d) => chunk(d)),
        chunk({}, finishReasonOf(step), { x_groq: { id: requestId, usage: { queue_time: 0.01, prompt_time: 0.02, completion_time: 0.1, total_time: 0.13, ...usage } } }),
        ...(wantsUsage(body) ? [{ ...(chunk({}) as object), choices: [], usage, x_groq: { id: requestId } }] : []),
      ];
    },
    check(request) {
      const index = (request.body.messages ?? []).findIndex((m) => m.role === 'assistant' && ('reasoning' in m || 'reasoning_content' in m));
      if (index < 0) return undefined;
      const field = 'reasoning' in (request.body.messages ?? [])[index] ? 'reasoning' : 'reasoning_content';
      return { status: 400, body: { error: { message: `'messages.${index}' : for 'role:assistant' the following must be satisfied[('messages.${index}' : property '${field}' is unsupported)]`, type: 'invalid_request_error' } } };
    },
  };
}

/**
 * Azure OpenAI. Requests go to `/openai/deployments/{deployment}/chat/completions?api-version=…` with an
 * `api-key` header (learn.microsoft.com/azure/ai-foundry/openai/reference); a Bearer key on another path is
 * refused with 401. The stream opens with a chunk whose `choices` is empty and that carries
 * `prompt_filter_results`, and each choice has `content_filter_results`. API versions before streamed usage
 * refuse `stream_options`: "Unrecognized request argument supplied: stream_options" (QuantumNous/new-api#418,
 * feiskyer/chatgpt-copilot#173).
 */
export function azureProfile(apiVersion = '2024-02-01', deployment = 'agent-gpt-4o'): MatrixProfile {
  const refusesStreamOptions = apiVersion < '2024-09-01';
  return {
    name: 'Azure OpenAI', basePath: '', model: deployment, showsThinking: false, clientOptions: { apiVersion },
    adapts: refusesStreamOptions ? ['stream_options'] : [],
    readme: { server: 'Azure OpenAI', baseUrl: 'https://RESOURCE.openai.azure.com (API version: `OPENAI_API_VERSION` in the CLI, else 2024-10-21)', model: 'the deployment name', caveats: 'AzureOpenAI client (`api-key` header, `api-version`); older API versions refuse `stream_options` and report no streamed usage.' },
    basis: ['learn.microsoft.com/azure/ai-foundry/openai/reference', 'learn.microsoft.com/azure/ai-foundry/openai/api-version-lifecycle', 'QuantumNous/new-api#418'],
    chunks(body, step) {
      const chunk = envelope(body, nextId('chatcmpl-'));
      const filtered = { content_filter_results: { hate: { filtered: false, severity: 'safe' }, self_harm: { filtered: false, severity: 'safe' } } };
      return [
        { id: '', object: '', created: 0, model: '', choices: [], prompt_filter_results: [{ prompt_index: 0, ...filtered }] },
        ...[{ role: 'assistant', content: '' }, ...textDeltas(step), ...streamedCalls(step, () => `call_${nextId('')}`)].map((d) => chunk(d, null, {}, filtered)),
        chunk({}, finishReasonOf(step), {}, { content_filter_results: {} }),
        ...(wantsUsage(body) ? [{ ...(chunk({}) as object), choices: [], usage: usageOf(step) }] : []),
      ];
    },
    check(request) {
      if (request.path !== `/openai/deployments/${deployment}/chat/completions` || !request.headers['api-key']) {
        return { status: 401, body: { error: { code: '401', message: 'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.' } } };
      }
      if (!request.query.get('api-version')) return { status: 404, body: { error: { code: '404', message: 'Resource not found' } } };
      if (refusesStreamOptions && 'stream_options' in request.body) return { status: 400, body: { error: { message: 'Unrecognized request argument supplied: stream_options', type: 'invalid_request_error', param: null, code: null } } };
      return undefined;
    },
  };
}
