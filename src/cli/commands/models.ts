/** `auto-agent models`: the models the configured endpoint offers (its /v1/models), one per line. */
import * as os from 'node:os';
import { parseArgs } from 'node:util';
import { createLlmClient, isProvider } from '../../core/llm/createLlmClient';
import { LlmError } from '../../core/llm/llmErrors';
import { configFlags } from '../cliConfig';
import type { CliIo } from '../cliIo';
import { describeModelError, reportFailure } from '../cliMessages';
import { keyVariableOf, noEndpointHelp, resolveEndpoint } from '../endpointConfig';

export const modelsHelp = `Usage: auto-agent models [--provider openai|anthropic] [--base-url URL] [--json]

Lists the models the endpoint offers (GET /v1/models), one per line; the one \`auto-agent run\` would use is
marked with *. The endpoint comes from --base-url, OPENAI_BASE_URL or your config file, as for \`run\`.
--json prints {"baseUrl": ..., "models": [...], "default": ...}.`;

export async function runModelsCommand(argv: string[], io: CliIo): Promise<number> {
  let values: { 'base-url'?: string; provider?: string; json?: boolean };
  try {
    values = parseArgs({ args: argv, options: { 'base-url': { type: 'string' }, provider: { type: 'string' }, json: { type: 'boolean' } }, strict: true }).values;
  } catch (err) {
    io.stderr(`auto-agent models: ${(err as Error).message}\n\n${modelsHelp}\n`);
    return 2;
  }
  const isJson = values.json ?? false;
  const fromFiles = await configFlags({ env: io.env, homeDir: os.homedir(), workspace: io.cwd, warn: () => undefined }).catch(() => []);
  const configured = (name: string): string | undefined => fromFiles.filter((f) => f.startsWith(`--${name}=`)).pop()?.slice(name.length + 3);
  const provider = values.provider ?? configured('provider');
  const endpoint = resolveEndpoint({ baseUrl: values['base-url'] ?? configured('base-url'), model: configured('model'), provider: provider && isProvider(provider) ? provider : undefined }, io.env);
  if (!endpoint) return reportFailure(io, noEndpointHelp, { isJson, code: 'config' });
  try {
    const models = await createLlmClient({ ...endpoint, model: endpoint.model ?? '' }).listModels();
    const chosen = endpoint.model ?? models[0];
    if (isJson) io.stdout(`${JSON.stringify({ baseUrl: endpoint.baseUrl, models, default: chosen ?? null })}\n`);
    else if (models.length === 0) io.stderr(`The endpoint ${endpoint.baseUrl} lists no models.\n`);
    else io.stdout(models.map((m) => `${m === chosen ? '*' : ' '} ${m}\n`).join(''));
    return 0;
  } catch (err) {
    const error = err instanceof LlmError ? err : new LlmError('connection', String(err));
    return reportFailure(io, `Could not list the models: ${describeModelError({ message: error.message, code: error.kind }, endpoint.baseUrl, keyVariableOf(endpoint))}`, { isJson, code: 'config', exitCode: error.kind === 'auth' ? 2 : 1 });
  }
}
