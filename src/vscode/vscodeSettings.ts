/**
 * Reads the `autoAgent.*` configuration into the engine's AgentSettings. VS Code itself ignores workspace values
 * of the restricted settings (base URL, model, allow-lists, shell, test command) in Restricted Mode.
 */
import * as vscode from 'vscode';
import type { RiskClass } from '../protocol/events';
import { resolveSettings, type AgentSettings, type ApprovalPolicy } from '../core/settings';

export const configSection = 'autoAgent';

/** The host-only settings the engine does not know about. */
export interface HostSettings {
  shell: string | undefined;
  /** The user-level instructions file (default: ~/.config/auto-agent/AGENTS.md). */
  userInstructionsFile: string | undefined;
  /** Long-term memory on or off, and the embedding model for hybrid recall (none: full text only). */
  isMemoryEnabled: boolean;
  embeddingModel: string | undefined;
}

const riskClasses: RiskClass[] = ['read', 'edit', 'execute', 'network'];

export function readAgentSettings(): AgentSettings {
  const config = vscode.workspace.getConfiguration(configSection);
  const policy = Object.fromEntries(
    riskClasses.map((risk) => [risk, config.get<string>(`approval.${risk}`) === 'auto' ? 'auto' : 'ask']),
  ) as ApprovalPolicy;
  const testCommand = config.get<string>('testCommand')?.trim();
  return resolveSettings({
    baseUrl: config.get<string>('baseUrl')?.trim() || 'https://api.openai.com/v1',
    model: config.get<string>('model')?.trim() || 'gpt-4.1',
    extraHeaders: config.get<Record<string, string>>('extraHeaders') ?? {},
    policy,
    budgets: {
      maxSteps: positive(config.get<number>('budget.maxSteps'), 100),
      maxTokens: positive(config.get<number>('budget.maxTokens'), 2_000_000),
      maxCostUsd: positive(config.get<number>('budget.maxCostUsd'), 5),
      maxWallMs: positive(config.get<number>('budget.maxMinutes'), 30) * 60_000,
    },
    allowedCommands: (config.get<string[]>('allowedCommands') ?? []).filter((c) => typeof c === 'string' && c.trim() !== ''),
    testCommand: testCommand || undefined,
    commandTimeoutMs: positive(config.get<number>('commandTimeoutSeconds'), 300) * 1000,
  });
}

export function readHostSettings(): HostSettings {
  const config = vscode.workspace.getConfiguration(configSection);
  const shell = config.get<string>('shell')?.trim();
  const userInstructionsFile = config.get<string>('userInstructionsFile')?.trim();
  const embeddingModel = config.get<string>('memory.embeddingModel')?.trim();
  return { shell: shell || undefined, userInstructionsFile: userInstructionsFile || undefined, isMemoryEnabled: config.get<boolean>('memory.enabled') ?? true, embeddingModel: embeddingModel || undefined };
}

/** Stores the chosen model in the user's settings (a workspace value would be ignored in Restricted Mode). */
export async function saveModel(model: string): Promise<void> {
  await vscode.workspace.getConfiguration(configSection).update('model', model, vscode.ConfigurationTarget.Global);
}

function positive(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}
