/**
 * Goals with images in VS Code without a panel change: "Start Agent with Images…" picks image files and asks for
 * the goal; `autoAgent.start` takes image paths from code. The images ride on the goal to the engine, which gives
 * them to a vision-capable model or tells another model they are there.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Goal } from '../protocol/events';
import { imageAttachment, imageMediaType, maxImageBytes } from '../core/tools/imageFile';

/** The images of these files, read through VS Code; a file that is not a usable image is an error naming it. */
export async function readGoalImages(files: readonly string[]): Promise<NonNullable<Goal['images']>> {
  return Promise.all(files.map(async (file) => {
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.file(file));
    if (!imageMediaType(bytes)) throw new Error(`${path.basename(file)} is not a PNG, JPEG, GIF or WebP image.`);
    const image = imageAttachment(bytes, path.basename(file));
    if (!image) throw new Error(`${path.basename(file)} is larger than ${maxImageBytes / 1024 / 1024} MB, the limit for one image.`);
    return image;
  }));
}

/** Asks for images and a goal; undefined when the user cancels either. */
export async function askForImageGoal(): Promise<{ goal: string; images: string[] } | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: true, openLabel: 'Attach', title: 'Auto Agent: images for the goal',
    filters: { Images: ['png', 'jpg', 'jpeg', 'gif', 'webp'] },
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
  });
  if (!picked?.length) return undefined;
  const goal = await vscode.window.showInputBox({
    title: `Auto Agent: goal (with ${picked.length === 1 ? path.basename(picked[0].fsPath) : `${picked.length} images`})`,
    prompt: 'What should the agent do?', ignoreFocusOut: true,
  });
  if (!goal?.trim()) return undefined;
  return { goal: goal.trim(), images: picked.map((uri) => uri.fsPath) };
}
