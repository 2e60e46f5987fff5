/**
 * "Auto Agent: Select Model": one quick pick with the chat models VS Code offers (Copilot's, another
 * extension's: no API key) and the models the configured HTTP endpoint lists. The pick saves the model and its
 * provider in the user's settings.
 */
import * as vscode from 'vscode';
import type { AgentSettings } from '../core/settings';
import type { Services } from './services';
import { vscodeProvider } from './vscodeLmClient';
import { readAgentSettings, saveModel } from './vscodeSettings';

type Provider = NonNullable<AgentSettings['provider']>;

interface ModelItem extends vscode.QuickPickItem {
  model?: string;
  provider?: Provider;
}

/** What code (tests, other extensions) may pass to pick without asking. */
export interface ModelPreset {
  model?: string;
  provider?: Provider;
}

/** Lists both kinds of models and saves the pick; a preset is saved without asking if it is listed. */
export async function selectModel(s: Services, preset?: ModelPreset): Promise<void> {
  const settings = readAgentSettings();
  const items = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Auto Agent: listing models' },
    async () => [...await vscodeItems(settings), ...await endpointItems(s, settings)],
  );
  if (preset?.model !== undefined) {
    const found = items.find((i) => i.model === preset.model && (!preset.provider || i.provider === preset.provider));
    if (!found) throw new Error(`The endpoint does not list a model named ${preset.model}, and VS Code offers none by that name.`);
    return saveModel(found.model!, found.provider);
  }
  if (!items.some((i) => i.model)) return void vscode.window.showWarningMessage('Auto Agent: neither VS Code nor the endpoint lists a model.');
  const picked = await vscode.window.showQuickPick(items, { title: 'Auto Agent: Select Model', placeHolder: `Current: ${settings.model || 'none'} (${settings.provider})`, matchOnDescription: true });
  if (picked?.model) await saveModel(picked.model, picked.provider);
}

async function vscodeItems(settings: AgentSettings): Promise<ModelItem[]> {
  const models = await vscode.lm.selectChatModels();
  const header: ModelItem = { label: 'VS Code language models (no API key)', kind: vscode.QuickPickItemKind.Separator };
  if (!models.length) return [header, { label: '$(info) VS Code offers no chat models (install or sign in to an extension that provides them)' }];
  return [header, ...models.map((m): ModelItem => ({
    label: m.name, model: m.id, provider: vscodeProvider,
    description: `${m.vendor} · ${m.id}${isCurrent(settings, vscodeProvider, m.id) ? ' · current' : ''}`,
    detail: `context ${m.maxInputTokens.toLocaleString('en-US')} tokens`,
  }))];
}

/** The HTTP endpoint's models (OpenAI-compatible unless Anthropic is set); a failure is one line, not an error. */
async function endpointItems(s: Services, settings: AgentSettings): Promise<ModelItem[]> {
  const provider: Provider = settings.provider === 'anthropic' ? 'anthropic' : 'openai';
  const header: ModelItem = { label: `${provider === 'anthropic' ? 'Anthropic' : 'OpenAI-compatible'} endpoint ${settings.baseUrl}`, kind: vscode.QuickPickItemKind.Separator };
  try {
    const llm = await s.engine.createLlm({ ...settings, provider, model: settings.provider === provider ? settings.model : '' });
    const ids = await llm.listModels();
    return [header, ...ids.map((id): ModelItem => ({ label: id, model: id, provider, description: isCurrent(settings, provider, id) ? 'current' : undefined }))];
  } catch (err) {
    return [header, { label: `$(warning) Could not list the endpoint's models: ${(err as Error).message}` }];
  }
}

function isCurrent(settings: AgentSettings, provider: Provider, model: string): boolean {
  return settings.provider === provider && settings.model === model;
}
