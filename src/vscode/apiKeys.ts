/** The API key: SecretStorage first, then OPENAI_API_KEY from the environment. It is never logged or shown. */
import * as vscode from 'vscode';

const secretKey = 'autoAgent.apiKey';

export class ApiKeys {
  private cached: string | undefined;

  constructor(private readonly secrets: vscode.SecretStorage) {
    secrets.onDidChange((e) => {
      if (e.key === secretKey) this.cached = undefined;
    });
  }

  /** The key to use, or undefined when neither SecretStorage nor the environment has one. */
  async get(): Promise<string | undefined> {
    this.cached ??= (await this.secrets.get(secretKey)) || undefined;
    return this.cached ?? (process.env.OPENAI_API_KEY || undefined);
  }

  /** Every secret the logger must redact, as known now (synchronous: loggers cannot wait). */
  known(): string[] {
    return [this.cached, process.env.OPENAI_API_KEY].filter((s): s is string => !!s);
  }

  async set(value: string): Promise<void> {
    this.cached = value;
    await this.secrets.store(secretKey, value);
  }

  async clear(): Promise<void> {
    this.cached = undefined;
    await this.secrets.delete(secretKey);
  }

  /** Asks for a key in a password box; an empty answer removes the stored key. */
  async prompt(): Promise<boolean> {
    const value = await vscode.window.showInputBox({
      title: 'Auto Agent: API key',
      prompt: 'Stored in VS Code SecretStorage. Leave empty to remove the stored key (OPENAI_API_KEY is then used if set).',
      password: true,
      ignoreFocusOut: true,
    });
    if (value === undefined) return false;
    if (value.trim() === '') await this.clear();
    else await this.set(value.trim());
    return true;
  }
}
