/**
 * The one maintained list of protected paths: files and folders that run code, grant the agent more power, or
 * steer this or another agent. Writing, creating, renaming or deleting any of them always asks. Each entry has
 * an example path that a test writes through the tools, so an entry that stops matching fails a test. To extend
 * the list, add an entry here (with its example); nothing else needs to change.
 */

/** One protected pattern: a glob (matched case-insensitively on root-relative paths), an example, and why. */
export interface ProtectedEntry {
  glob: string;
  example: string;
  why: string;
}

const entry = (glob: string, example: string, why: string): ProtectedEntry => ({ glob, example, why });

const editors: ProtectedEntry[] = [
  entry('**/.vscode/**', '.vscode/settings.json', 'VS Code settings, tasks, launch configs and MCP servers'),
  entry('**/*.code-workspace', 'project.code-workspace', 'workspace settings and tasks'),
  entry('**/.devcontainer/**', '.devcontainer/devcontainer.json', 'dev container: runs commands on open'),
  entry('**/.devcontainer.json', '.devcontainer.json', 'dev container at the root: runs commands on open'),
  entry('**/.idea/**', '.idea/workspace.xml', 'JetBrains run configurations'),
  entry('**/.zed/**', '.zed/tasks.json', 'Zed tasks and settings'),
  entry('**/{.exrc,.nvimrc,.nvim.lua}', '.nvim.lua', 'Vim/Neovim local config (runs when exrc is on)'),
];

const agents: ProtectedEntry[] = [
  entry('**/AGENTS.md', 'AGENTS.md', 'instructions for agents'),
  entry('**/CLAUDE.md', 'CLAUDE.md', 'Claude Code instructions'),
  entry('**/CLAUDE.local.md', 'CLAUDE.local.md', 'Claude Code local instructions'),
  entry('**/GEMINI.md', 'GEMINI.md', 'Gemini CLI instructions'),
  entry('**/.github/copilot-instructions.md', '.github/copilot-instructions.md', 'Copilot instructions'),
  entry('**/.github/instructions/**', '.github/instructions/ts.instructions.md', 'Copilot instruction files'),
  entry('**/.github/prompts/**', '.github/prompts/release.prompt.md', 'Copilot prompt files'),
  entry('**/.github/chatmodes/**', '.github/chatmodes/plan.chatmode.md', 'Copilot chat modes'),
  entry('**/.cursor/**', '.cursor/rules/style.mdc', 'Cursor rules and MCP config'),
  entry('**/.cursorrules', '.cursorrules', 'Cursor rules'),
  entry('**/.windsurf/**', '.windsurf/rules/style.md', 'Windsurf rules'),
  entry('**/.windsurfrules', '.windsurfrules', 'Windsurf rules'),
  entry('**/.clinerules*', '.clinerules-code', 'Cline rules (file form, every spelling)'),
  entry('**/.clinerules*/**', '.clinerules/style.md', 'Cline rules (folder form)'),
  entry('**/.roo/**', '.roo/rules/style.md', 'Roo Code rules and MCP config'),
  entry('**/.roomodes', '.roomodes', 'Roo Code modes'),
  entry('**/.kilocode/**', '.kilocode/rules/style.md', 'Kilo Code rules'),
  entry('**/.kilocodemodes', '.kilocodemodes', 'Kilo Code modes'),
  entry('**/opencode.json', 'opencode.json', 'opencode config'),
  entry('**/opencode.jsonc', 'opencode.jsonc', 'opencode config'),
  entry('**/.opencode/**', '.opencode/agent/review.md', 'opencode agents and commands'),
  entry('**/.aider*', '.aider.conf.yml', 'aider config and ignore file'),
  entry('**/.continue/**', '.continue/config.yaml', 'Continue config'),
  entry('**/.continuerc.json', '.continuerc.json', 'Continue workspace config'),
  entry('**/.claude/**', '.claude/settings.json', 'Claude Code settings and hooks'),
  entry('**/.gemini/**', '.gemini/settings.json', 'Gemini CLI settings'),
  entry('**/.codex/**', '.codex/config.toml', 'Codex config'),
  entry('**/.amazonq/**', '.amazonq/rules/style.md', 'Amazon Q rules'),
  entry('**/.junie/**', '.junie/guidelines.md', 'JetBrains Junie guidelines'),
  entry('**/.auto-agent/**', '.auto-agent/rules.md', "this agent's own rules"),
  // Covered by the line above; kept as its own entry so the list names them and a test writes one.
  entry('**/.auto-agent/agents/*.md', '.auto-agent/agents/reviewer.md', "this agent's user-defined sub-agents (their tools and instructions)"),
  entry('**/.autoagent*', '.autoagentignore', "this agent's own settings and ignore file"),
  entry('**/{.clineignore,.rooignore,.cursorignore,.geminiignore,.copilotignore,.codeiumignore}', '.cursorignore', "agents' ignore files"),
];

const mcp: ProtectedEntry[] = [
  entry('**/.mcp.json', 'tools/.mcp.json', 'MCP servers (started on open by several agents)'),
  entry('**/mcp.json', 'config/mcp.json', 'MCP servers'),
  entry('**/{mcp_settings.json,cline_mcp_settings.json,claude_desktop_config.json}', 'mcp_settings.json', 'MCP servers'),
  entry('**/.mcp/**', '.mcp/servers.json', 'MCP servers'),
];

const packageManagers: ProtectedEntry[] = [
  entry('**/package.json', 'packages/app/package.json', 'npm scripts'),
  entry('**/{.npmrc,.yarnrc,.yarnrc.yml,.pnpmfile.cjs,bunfig.toml}', '.npmrc', 'package manager config and hooks'),
  entry('**/.yarn/plugins/**', '.yarn/plugins/plugin.cjs', 'Yarn plugins'),
  entry('**/.envrc', '.envrc', 'direnv: runs on cd'),
  entry('**/{.mise.toml,mise.toml}', 'mise.toml', 'mise tasks and env hooks'),
];

const gitAndHooks: ProtectedEntry[] = [
  entry('**/.git', '.git', 'a git file or folder'),
  entry('**/.git/**', '.git/hooks/pre-commit', 'git config and hooks'),
  entry('**/*.git', 'mirror.git', 'a bare repository folder'),
  entry('**/*.git/**', 'mirror.git/config', 'a bare repository'),
  entry('**/{.gitmodules,.gitattributes,.gitconfig}', '.gitattributes', 'git submodules, attributes (filter and diff drivers), included config'),
  entry('**/.githooks/**', '.githooks/pre-push', 'a hooks folder'),
  entry('**/.husky/**', '.husky/pre-commit', 'husky hooks'),
  entry('**/{.huskyrc,.huskyrc.*,husky.config.*}', '.huskyrc.json', 'husky (v4) config'),
  entry('**/{.pre-commit-config.yaml,.pre-commit-config.yml,.pre-commit-hooks.yaml}', '.pre-commit-config.yaml', 'pre-commit hooks'),
  entry('**/{lefthook,.lefthook,lefthook-local,.lefthook-local}.{yml,yaml,json,jsonc,toml}', '.lefthook-local.yml', 'lefthook hooks'),
  entry('**/.lefthook/**', '.lefthook/pre-commit/lint.sh', 'lefthook scripts'),
  entry('**/.config/lefthook*', '.config/lefthook.yml', 'lefthook hooks'),
  entry('**/{.lintstagedrc,.lintstagedrc.*,lint-staged.config.*}', 'lint-staged.config.mjs', 'lint-staged commands'),
  entry('**/{.simple-git-hooks.*,simple-git-hooks.*}', '.simple-git-hooks.json', 'simple-git-hooks'),
];

const ci: ProtectedEntry[] = [
  entry('**/.github/workflows/**', '.github/workflows/ci.yml', 'GitHub Actions'),
  entry('**/.github/actions/**', '.github/actions/setup/action.yml', 'GitHub Actions'),
  entry('**/{.gitea,.forgejo}/workflows/**', '.gitea/workflows/ci.yml', 'Gitea/Forgejo Actions'),
  entry('**/.gitlab-ci.{yml,yaml}', '.gitlab-ci.yml', 'GitLab CI'),
  entry('**/.gitlab/**', '.gitlab/ci/build.yml', 'GitLab CI includes'),
  entry('**/bitbucket-pipelines.{yml,yaml}', 'bitbucket-pipelines.yml', 'Bitbucket Pipelines'),
  entry('**/azure-pipelines*.{yml,yaml}', 'azure-pipelines.yml', 'Azure Pipelines'),
  entry('**/{.azure-pipelines,.azuredevops}/**', '.azuredevops/build.yml', 'Azure Pipelines'),
  entry('**/.circleci/**', '.circleci/config.yml', 'CircleCI'),
  entry('**/.travis.{yml,yaml}', '.travis.yml', 'Travis CI'),
  entry('**/.drone.{yml,yaml,jsonnet,star}', '.drone.yml', 'Drone CI'),
  entry('**/.buildkite/**', '.buildkite/pipeline.yml', 'Buildkite'),
  entry('**/{Jenkinsfile,Jenkinsfile.*,*.jenkinsfile}', 'Jenkinsfile', 'Jenkins'),
  entry('**/.woodpecker.{yml,yaml}', '.woodpecker.yml', 'Woodpecker CI'),
  entry('**/.woodpecker/**', '.woodpecker/build.yml', 'Woodpecker CI'),
  entry('**/{appveyor.yml,.appveyor.yml,.cirrus.yml}', 'appveyor.yml', 'AppVeyor, Cirrus CI'),
];

/** Every protected entry, grouped by what the files do. */
export const protectedEntries: readonly ProtectedEntry[] = [...editors, ...agents, ...mcp, ...packageManagers, ...gitAndHooks, ...ci];
