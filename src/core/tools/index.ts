/**
 * The one list of tools. Adding a tool means one file in this folder and one line here; nothing else switches
 * on tool names.
 */
import type { ToolDefinition } from './tool';
import { editFileTool } from './editFile';
import { createFileTool } from './createFile';
import { deleteFileTool } from './deleteFile';
import { renameFileTool } from './renameFile';
import { readFileTool } from './readFile';
import { runCommandTool } from './runCommand';
import { runTestsTool } from './runTests';
import { gitStatusTool } from './gitStatus';
import { gitDiffTool } from './gitDiff';
import { gitLogTool } from './gitLog';
import { gitCommitTool } from './gitCommit';
import { updatePlanTool } from './updatePlan';
import { askUserTool } from './askUser';
import { finishTool } from './finish';
import { fetchUrlTool } from './fetchUrl';
import { listFilesTool } from './listFiles';
import { searchTextTool } from './searchText';
import { repoMapTool } from './repoMap';
import { findSymbolTool } from './findSymbol';
import { findReferencesTool } from './findReferences';
import { rememberTool } from './remember';
import { recallTool } from './recall';
import { forgetTool } from './forget';
import { delegateTool } from './delegate';

export const allTools: readonly ToolDefinition[] = [
  editFileTool,
  createFileTool,
  deleteFileTool,
  renameFileTool,
  readFileTool,
  runCommandTool,
  runTestsTool,
  gitStatusTool,
  gitDiffTool,
  gitLogTool,
  gitCommitTool,
  updatePlanTool,
  askUserTool,
  finishTool,
  fetchUrlTool,
  listFilesTool,
  searchTextTool,
  repoMapTool,
  findSymbolTool,
  findReferencesTool,
  rememberTool,
  recallTool,
  forgetTool,
  delegateTool,
];

/** The long-term memory tools, left out of a task that runs without memory (`--no-memory`). */
export const memoryToolNames: ReadonlySet<string> = new Set([rememberTool.name, recallTool.name, forgetTool.name]);
