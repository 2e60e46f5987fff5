/**
 * The endpoint is never silently changed. In a remote or code-server window VS Code reads machine-scoped settings
 * (autoAgent.baseUrl, autoAgent.provider) from the remote's settings, and after a settings write a value in the
 * local user settings.json may stop being read: the task would then go to the default endpoint with the user's
 * key and code. The host remembers the endpoint the user's settings last chose; when the settings no longer say
 * anything and the default differs from it, the task stops with a message that names the setting and both URLs.
 * Plain logic (no `vscode`), so it is tested in plain Node.
 */

/** The endpoint a task would use now, and whether the user's settings readable in this window chose it. */
export interface EndpointChoice {
  provider: string;
  baseUrl: string;
  isUserSet: boolean;
}

/** The endpoint the user's settings chose when they were last readable. */
export interface RememberedEndpoint {
  provider: string;
  baseUrl: string;
}

/** The error that stops a task whose configured endpoint cannot be read. */
export class EndpointUnreadable extends Error {
  readonly code = 'endpoint_unreadable';
  constructor(message: string) {
    super(message);
    this.name = 'EndpointUnreadable';
  }
}

/** Where machine-scoped settings live, for the message and the docs. */
export const machineSettingsNote = 'In a remote or code-server window, machine-scoped settings such as autoAgent.baseUrl are read from the remote\'s settings, not your local settings.json: set it in the Remote tab of the Settings editor ("Preferences: Open Remote Settings").';

/** Undefined when the task may use `choice`; otherwise why it must not. */
export function endpointProblem(choice: EndpointChoice, remembered: RememberedEndpoint | undefined): string | undefined {
  if (choice.isUserSet || !remembered) return undefined;
  if (remembered.provider === choice.provider && remembered.baseUrl === choice.baseUrl) return undefined;
  return `Nothing was sent: autoAgent.baseUrl cannot be read in this window. Your settings chose ${remembered.baseUrl} (${remembered.provider}); `
    + `this task would have gone to ${choice.baseUrl}, the default. ${machineSettingsNote} To use ${choice.baseUrl} on purpose, set autoAgent.baseUrl to it.`;
}

/** The actions offered on an error the user fixes in the settings or the key (none for other errors). */
export type ErrorAction = 'Set API Key' | 'Open Settings';

const keyCodes = new Set(['auth', 'forbidden']);
const endpointCodes = new Set(['endpoint_unreadable', 'connection', 'model_not_found', 'auth', 'forbidden']);

export function errorActionsFor(message: string, code?: string): ErrorAction[] {
  const isKey = (code !== undefined && keyCodes.has(code)) || /API key|\b401\b|\b403\b/i.test(message);
  const isEndpoint = isKey || (code !== undefined && endpointCodes.has(code)) || /autoAgent\.(baseUrl|provider)|model endpoint|Could not reach/i.test(message);
  return isEndpoint ? ['Set API Key', 'Open Settings'] : [];
}
