/**
 * How long `auto-agent run` takes to send its first model request, from spawning the process to the request
 * arriving at the scripted server (test/support), with whatever index cache `env` points at: warm (after
 * `auto-agent map`) or cold (an empty cache folder, where the run starts with a partial map).
 */
import { spawn } from 'node:child_process';
import { startScriptedServer } from '../../test/support/scriptedServer';

export interface FirstRequest { ms: number; isPartial: boolean }

export async function firstRequest(cli: string, tree: string, env: NodeJS.ProcessEnv, goal: string): Promise<FirstRequest> {
  const server = await startScriptedServer();
  server.setFallback(() => ({ toolCalls: [{ name: 'finish', arguments: { summary: 'benchmark: stop' } }] }));
  try {
    const started = Date.now();
    const child = spawn(process.execPath, [cli, 'run', '--workspace', tree, '--goal', goal, '--base-url', server.url, '--model', 'test-model', '--yes', '--json', '--max-steps', '1'],
      { env: { ...env, OPENAI_API_KEY: '', XDG_CONFIG_HOME: '/nonexistent-config', NO_COLOR: '1' }, stdio: 'ignore' });
    await new Promise<void>((resolve) => child.on('close', () => resolve()));
    const first = server.requests[0];
    if (!first?.startedAt) throw new Error('auto-agent run sent no model request');
    return { ms: first.startedAt - started, isPartial: /Partial map/.test(JSON.stringify(first.body.messages ?? [])) };
  } finally {
    await server.close();
  }
}
