/** The CLI's help text: every command, flag, environment variable and exit code. */

export const mainHelp = `Auto Agent: an autonomous coding agent that plans, edits with reviewable diffs,
runs your tests, and finishes only when its work is verified.

Usage:
  auto-agent run --goal TEXT [--check CMD] [--goal TEXT [--check CMD]]... [options]
  auto-agent map [DIR] [--tokens N] [--focus FILE_OR_SYMBOL]   repository map (no model needed)
  auto-agent symbols DIR NAME                                  where NAME is defined (no model needed)
  auto-agent checkpoints list|restore ...                      the agent's checkpoints of a workspace
  auto-agent memory list|search QUERY|show ID|forget ID        the agent's long-term memory of a workspace
  auto-agent --help | --version

Run "auto-agent run --help" for the agent's options.`;

export const runHelp = `auto-agent run: work on one or more goals in a workspace until they are met and verified.

Options:
  -g, --goal TEXT          a goal (repeatable). Each may be followed by:
      --check CMD          a command that must exit 0 for that goal to count as met
  -w, --workspace DIR      the workspace (default: the current directory)
  -m, --model NAME         the model (default: AUTO_AGENT_MODEL; for OpenAI ${'gpt-4.1-mini'};
                           for other endpoints, the first model the endpoint lists)
      --base-url URL       an OpenAI-compatible endpoint (default: OPENAI_BASE_URL, else OpenAI)
      --max-steps N        stop after N model rounds (default 100)
      --max-cost USD       stop when the estimated cost reaches USD (default 5)
      --max-tokens N       stop after N prompt+completion tokens (default 2000000)
      --max-time DURATION  stop after 90s / 15m / 2h (default 30m)
  -y, --yes                run every action without asking (protected files still ask)
      --approve CLASSES    run these risk classes without asking: read,edit,execute,network
                           (default: read; everything else asks on the terminal)
      --allow-command CMD  a command prefix that runs without asking (repeatable)
      --test-command CMD   the workspace's test command (default: detected)
      --json               write one JSON event per line to stdout instead of the live view
      --resume TASK_ID     continue a stopped task from its transcript
  -v, --verbose            debug logging on stderr
      --no-memory          no long-term memory for this run: no notes recalled, no memory tools

Approvals: a question appears on stderr; answer y, n, or "n <reason>" (the reason goes to
the model). When stdin is closed, anything that would ask is refused.

Environment:
  OPENAI_API_KEY    the API key (never accepted on the command line)
  OPENAI_BASE_URL   the endpoint, e.g. http://localhost:11434/v1 for Ollama
  AUTO_AGENT_MODEL  the default model
  XDG_CACHE_HOME    where transcripts go (default ~/.cache; files under auto-agent/tasks/)
  XDG_CONFIG_HOME   your own AGENTS.md and memory notes (default ~/.config; under auto-agent/)
  AUTO_AGENT_EMBEDDING_MODEL  an embedding model of the endpoint, for hybrid memory search

Exit codes: 0 goals met and verified; 1 stopped (budget, loop detected, user, unverified,
model failure); 2 bad usage or configuration (flags, endpoint, key, unknown model).`;
