/**
 * The API keys, one per provider (the model's, and the web search APIs'): SecretStorage first, then the
 * provider's variable from the environment (OPENAI_API_KEY, ANTHROPIC_API_KEY, BRAVE_API_KEY, TAVILY_API_KEY).
 * They are never logged or shown.
 */
import * as vscode from 'vscode';

export type KeyProvider = 'openai' | 'anthropic' | 'brave' | 'tavily';

/** The OpenAI key keeps the name it always had, so keys stored before there were two providers still work. */
const secretKeys: Record<KeyProvider, string> = {
  openai: 'autoAgent.apiKey', anthropic: 'autoAgent.anthropicApiKey', brave: 'autoAgent.webSearch.braveApiKey', tavily: 'autoAgent.webSearch.tavilyApiKey',
};
const envKeys: Record<KeyProvider, string> = { openai: 'OPENAI_API_KEY', anthropic: 'ANTHROPIC_API_KEY', brave: 'BRAVE_API_KEY', tavily: 'TAVILY_API_KEY' };
const titles: Record<KeyProvider, string> = { openai: 'OpenAI-compatible API key', anthropic: 'Anthropic API key', brave: 'Brave Search API key', tavily: 'Tavily API key' };
const keyProviders = Object.keys(secretKeys) as KeyProvider[];

export class ApiKeys {
  private readonly cached = new Map<KeyProvider, string | undefined>();

  constructor(private readonly secrets: vscode.SecretStorage) {
    secrets.onDidChange((e) => {
      for (const provider of keyProviders) if (e.key === secretKeys[provider]) this.cached.delete(provider);
    });
  }

  /** The key to use, or undefined when neither SecretStorage nor the environment has one. */
  async get(provider: KeyProvider = 'openai'): Promise<string | undefined> {
    if (!this.cached.has(provider)) this.cached.set(provider, (await this.secrets.get(secretKeys[provider])) || undefined);
    return this.cached.get(provider) ?? (process.env[envKeys[provider]] || undefined);
  }

  /** Every secret the logger must redact, as known now (synchronous: loggers cannot wait). */
  known(): string[] {
    const stored = [...this.cached.values()];
    const fromEnv = keyProviders.map((provider) => process.env[envKeys[provider]]);
    return [...stored, ...fromEnv].filter((s): s is string => !!s);
  }

  async set(value: string, provider: KeyProvider = 'openai'): Promise<void> {
    this.cached.set(provider, value);
    await this.secrets.store(secretKeys[provider], value);
  }

  async clear(provider: KeyProvider = 'openai'): Promise<void> {
    this.cached.set(provider, undefined);
    await this.secrets.delete(secretKeys[provider]);
  }

  /** Asks for the provider's key in a password box; an empty answer removes the stored key. */
  async prompt(provider: KeyProvider = 'openai'): Promise<boolean> {
    const value = await vscode.window.showInputBox({
      title: `Auto Agent: ${titles[provider]}`,
      prompt: `Stored in VS Code SecretStorage. Leave empty to remove the stored key (${envKeys[provider]} is then used if set).`,
      password: true,
      ignoreFocusOut: true,
    });
    if (value === undefined) return false;
    if (value.trim() === '') await this.clear(provider);
    else await this.set(value.trim(), provider);
    return true;
  }
}
