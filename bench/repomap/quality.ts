/**
 * Map quality beside the timing: hand-labelled questions per benchmark tree, asked the way the agent asks (a goal's
 * mentioned names and files, or a focus), answered when the right file is among the first 10 files of the map.
 * The labels come from reading the trees' code (grep), not from the map.
 */
import { mentionedFiles, mentionedIdentifiers } from '../../src/core/codebase/mentions';
import { isAboutTests } from '../../src/core/codebase/testPaths';
import type { RepoMapOptions } from '../../src/core/codebase/types';
import type { WorkspaceIndexer } from '../../src/node/indexer/workspaceIndexer';

interface Question {
  question: string;
  /** What the agent would be given: a goal text, or a focus (the repo_map tool's argument). */
  goal?: string;
  focus?: string;
  /** The files that answer it (any one of them, any published variant of it). */
  answer: RegExp;
}

/** Keyed by the tree's npm package. */
export const questions: Record<string, Question[]> = {
  effect: [
    { question: 'Where is the minimum log level configured?', goal: 'Change the default of MinimumLogLevel', answer: /^(References|internal\/references)\.ts$/ },
    { question: 'What calls ConfigProvider.fromEnv?', focus: 'fromEnv', answer: /^(Config|Schema|persistence\/UserDirectories|cli\/TerminalCapabilities)\.ts$/ },
    { question: 'Where is the default logger written?', goal: 'Make defaultLogger print the fiber id first', answer: /^(Logger|internal\/effect)\.ts$/ },
  ],
  'date-fns': [
    { question: 'Where is the default week start configured?', goal: 'Let setDefaultOptions change weekStartsOn for every function', answer: /^(setDefaultOptions|_lib\/defaultOptions)\.(d\.ts|d\.cts|js|cjs)$/ },
    { question: 'What calls addLeadingZeros?', focus: 'addLeadingZeros', answer: /^(_lib\/format\/(lightFormatters|formatters)|formatISO|formatISO9075|formatRFC3339|formatRFC7231)\.(d\.ts|d\.cts|js|cjs)$/ },
    { question: 'Where are the English month names?', goal: 'Fix monthValues of the en-US locale in localize', answer: /^locale\/en-US\/_lib\/localize\.(d\.ts|d\.cts|js|cjs)$/ },
  ],
};

/** One answer: the rank of the first right file among the map's files (0 when not in the top 10). */
export interface QualityResult { question: string; rank: number; top: string[] }

export async function askQuestions(index: WorkspaceIndexer, tree: string): Promise<QualityResult[]> {
  const results: QualityResult[] = [];
  for (const q of questions[tree] ?? []) {
    const options: RepoMapOptions = q.goal
      ? { tokens: 4000, mentioned: mentionedIdentifiers(q.goal), boostFiles: mentionedFiles(q.goal, index.table.paths()), aboutTests: isAboutTests(q.goal) }
      : { tokens: 4000, focus: q.focus };
    const map = await index.repoMap(options);
    const files = map.split('\n').filter((line) => line.endsWith(':') && !/^[│⋮]/.test(line)).map((line) => line.slice(0, -1));
    const top = files.slice(0, 10);
    results.push({ question: q.question, rank: top.findIndex((f) => q.answer.test(f)) + 1, top });
  }
  return results;
}
