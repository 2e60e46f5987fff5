/** The CLI's help text: every command, flag, environment variable and exit code. */

export const mainHelp = `Auto Agent: an autonomous coding agent that plans, edits with reviewable diffs,
runs your tests, and finishes only when its work is verified.

Usage:
  auto-agent run --goal TEXT [--check CMD] [--goal TEXT [--check CMD]]... [options]
  auto-agent map [DIR] [--tokens N] [--focus FILE_OR_SYMBOL]   repository map (no model needed)
  auto-agent symbols NAME [DIR]                                where NAME is defined (no model needed)
  auto-agent checkpoints list|restore ...                      the agent's checkpoints of a workspace
  auto-agent models                                            the models the endpoint offers
  auto-agent tasks [--limit N] [--workspace DIR]               past tasks (ids for --resume)
  auto-agent memory list|search QUERY|show ID|forget ID        the agent's long-term memory of a workspace
  auto-agent mcp list [--mcp-config FILE]                      MCP servers and their tools
  auto-agent --help | --version | COMMAND --help

Run "auto-agent run --help" for the agent's options.`;

export const runHelp = `auto-agent run: work on one or more goals in a workspace until they are met and verified.

Options:
  -g, --goal TEXT          a goal (repeatable). Each may be followed by:
      --check CMD          a command that must exit 0 for that goal to count as met
      --image FILE         an image (PNG, JPEG, GIF, WebP) for that goal (repeatable); a model
                           without vision is told it cannot see it
  -w, --workspace DIR      the workspace (default: the current directory)
  -m, --model NAME         the model (default: AUTO_AGENT_MODEL; for OpenAI ${'gpt-4.1-mini'};
                           for other endpoints, the first model the endpoint lists)
      --subagent-model NAME  the model sub-agents (delegate) use, of the same endpoint
      --condense-model NAME  a model that summarises condensed rounds, beside the recorded facts
      --condense-provider NAME  its provider (default the task's; another one uses its own
                           variables: OPENAI_BASE_URL/OPENAI_API_KEY or ANTHROPIC_*)
      --base-url URL       the endpoint (default: OPENAI_BASE_URL, else OpenAI; for Anthropic
                           ANTHROPIC_BASE_URL, else api.anthropic.com)
      --provider NAME      openai (chat completions and compatible servers) or anthropic (default:
                           AUTO_AGENT_PROVIDER; anthropic when only ANTHROPIC_API_KEY is set)
      --price IN,OUT       the model's price in $ per million input,output tokens (a model
                           without a known price is said at the start; --max-cost then cannot hold)
      --context-window N   the model's context window in tokens (default: the model table, else 32768)
      --vision yes|no      whether the model takes images (default: the model table)
      --tools yes|no       whether the model calls tools (default: the model table; the agent needs them)
      --max-steps N        stop after N model rounds (default 100)
      --max-cost USD       stop when the estimated cost reaches USD (default 5)
      --max-tokens N       stop after N prompt+completion tokens (default 2000000)
      --max-time DURATION  stop after 90s / 15m / 2h (default 30m)
  -y, --yes                run every action without asking (protected files still ask)
      --approve CLASSES    run these risk classes without asking: read,edit,execute,network;
                           "sandboxed" runs commands without asking when they run in the sandbox
                           (default: read; everything else asks on the terminal)
      --sandbox MODE       run commands in an OS sandbox (bubblewrap on Linux): auto (default:
                           when available), on (refuse to run commands without it), off
      --sandbox-host HOST  a host sandboxed commands may reach through its proxy (repeatable;
                           *.example.com for subdomains; default: no network)
      --mcp-config FILE    MCP servers to use (mcp.json: "servers" or "mcpServers"; repeatable),
                           besides ~/.config/auto-agent/mcp.json and the workspace's .vscode/mcp.json
      --sandbox-mcp        start stdio MCP servers in the sandbox too (as commands: workspace
                           writable, secrets hidden, network only to the --sandbox-host hosts)
      --search-provider P  offer web_search through searxng, brave or tavily (keys from the
                           environment: BRAVE_API_KEY, TAVILY_API_KEY; searches ask unless allowed)
      --search-url URL     the SearXNG instance (required for searxng), or another API endpoint
      --allow-command CMD  a command prefix that runs without asking (repeatable)
      --test-command CMD   the workspace's test command (default: detected)
      --pass-env NAME      pass this variable to commands, tests and git although its name
                           looks like a secret (*_TOKEN, *_API_KEY, ...; repeatable)
      --secret-env NAME    never pass this variable to any child process (repeatable)
      --json               write one JSON event per line to stdout instead of the live view
      --resume TASK_ID     continue a stopped task from its transcript, in the task's own workspace
                           (see auto-agent tasks); its token and cost totals carry on
  -q, --quiet              print only the outcome, errors and questions
  -v, --verbose            also the endpoint, policy and budgets, each model call's tokens, longer
                           tool results, and debug logging on stderr
      --no-memory          no long-term memory for this run: no notes recalled, no memory tools

Approvals: a question appears on stderr; answer y, n, or "n <reason>" (the reason goes to
the model); Enter means no. Anything else is asked again. When stdin is closed, anything that
would ask is refused (said once). Ctrl-C or SIGTERM stops the task cleanly (a second Ctrl-C
exits at once); a stopped task can be resumed. In an interactive terminal, a prompt after the
task ends takes a follow-up instruction for the same task (Enter to quit).

Config files: JSON objects of long flag names and values, e.g. {"model": "qwen3", "max-steps": 50,
"allow-command": ["npm test"]}: your own in $XDG_CONFIG_HOME/auto-agent/config.json (default
~/.config/auto-agent/config.json), then the workspace's .auto-agent/config.json; flags win over
both, and OPENAI_BASE_URL / AUTO_AGENT_MODEL win over the files. A workspace's file cannot set
base-url, provider, yes, approve or allow-command (like VS Code's machine-scoped settings).

Environment:
  OPENAI_API_KEY    the API key (never accepted on the command line)
  OPENAI_BASE_URL   the endpoint, e.g. http://localhost:11434/v1 for Ollama
  AUTO_AGENT_MODEL  the default model
  OPENAI_API_VERSION Azure OpenAI's api-version (the model is then the deployment name)
  XDG_CACHE_HOME    where transcripts go (default ~/.cache; files under auto-agent/tasks/)
  XDG_CONFIG_HOME   your own AGENTS.md and memory notes (default ~/.config; under auto-agent/)
  AUTO_AGENT_EMBEDDING_MODEL  an embedding model of the endpoint, for hybrid memory search
  AUTO_AGENT_INDEX_WAIT_MS    how long a first index is waited for before the task starts with a
                    partial repo map (default 1000)

Exit codes: 0 goals met and verified; 1 stopped (budget, loop detected, user, unverified,
model failure); 2 bad usage or configuration (flags, endpoint, key, unknown model).`;
