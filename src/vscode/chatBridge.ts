/** The sidebar chat's runner: composes the VS Code host and the engine services, then runs the engine's chat. */
import { runChat } from '../core/loop/chat';
import type { ChatRunner } from './chatView';
import type { EngineBridge } from './engineBridge';
import { readAgentSettings } from './vscodeSettings';

export function createChatRunner(engine: EngineBridge): ChatRunner {
  return async ({ question, history, onText, signal }) => {
    const settings = readAgentSettings();
    const host = engine.createHost();
    const roots = await engine.roots();
    if (roots.length === 0) throw new Error('Open a folder first: the chat answers questions about workspace folders.');
    const services = await engine.services(host, settings, roots);
    try {
      const llm = await engine.createLlm(settings);
      return await runChat({ question, history, host, settings, roots, llm, onText, signal, secrets: engine.secrets(), contextExtras: services.contextExtras });
    } finally {
      await services.dispose();
    }
  };
}
