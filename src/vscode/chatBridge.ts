/** The sidebar chat's runner: the engine's read-only chat with the VS Code host. */
import type { ChatRunner } from './chatView';
import type { EngineBridge } from './engineBridge';

export function createChatRunner(_engine: EngineBridge): ChatRunner {
  return async () => {
    throw new Error('The chat engine has not landed in this build yet.');
  };
}
