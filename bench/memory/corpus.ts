/**
 * A realistic memory of one web-service repository: notes an agent and its user would keep (how to run things,
 * where things are, conventions, decisions, pitfalls, preferences) and past tasks, with labelled queries
 * written as a person would ask them (paraphrased, not copied from the titles).
 */
import type { MemoryDoc } from '../../src/core/memory/memorySearch';
import { noteDoc, taskDoc } from '../../src/core/memory/memoryIndex';
import type { MemoryNote } from '../../src/core/memory/memoryNote';
import type { TaskDigest } from '../../src/core/memory/pastTasks';

/** Each note: id, title, body, and the few tags the remember tool asks for (the writer's own keywords). */
const notes: [string, string, string, string][] = [
  ['run-unit-tests', 'Run the unit tests', 'Unit tests are mocha under tsx: `npm run test:unit`. A single file: `npx mocha test/api/users.test.ts`.', 'testing mocha'],
  ['e2e-needs-xvfb', 'The e2e suite needs a display', 'Playwright e2e tests need a display on Linux CI: run them with `xvfb-run npm run e2e`.', 'playwright testing ci'],
  ['db-migrations', 'Database migrations', 'Migrations live in db/migrations and run with `npm run db:migrate`; never edit an applied migration, add a new one.', 'database schema'],
  ['local-postgres', 'Local Postgres for development', 'Start the database with `docker compose up -d db`; it listens on port 5433, not 5432, to avoid clashing with a system Postgres.', 'database docker'],
  ['env-file', 'Environment variables', 'Copy .env.example to .env; DATABASE_URL and REDIS_URL are required, STRIPE_KEY only for payment tests.', 'config dotenv setup'],
  ['api-routes-layout', 'Where the API routes are', 'HTTP routes are in src/api/routes/, one file per resource; each exports a Router registered in src/api/index.ts.', 'api express endpoints'],
  ['zod-validation', 'Validate every request body with zod', 'Every handler parses its body with a zod schema from src/api/schemas/; never trust req.body directly.', 'api input schemas'],
  ['error-format', 'API error format', 'Errors are returned as { error: { code, message } } with an HTTP status; use the httpError() helper in src/api/errors.ts.', 'api errors http'],
  ['dates-utc', 'Dates are UTC everywhere', 'Store and compare dates in UTC; format for display only in the web client with the user\'s time zone. getMonth is zero-based: use date-fns.', 'timezone dates'],
  ['date-fns-not-moment', 'Use date-fns, not moment', 'moment was removed in 2025; use date-fns (and date-fns-tz for zones). Do not add moment back.', 'dates dependencies'],
  ['logger', 'Logging', 'Use the pino logger from src/lib/log.ts; no console.log in server code. Secrets are redacted by the logger config.', 'logging pino'],
  ['feature-flags', 'Feature flags', 'Flags are read through flags.isOn(name) from src/lib/flags.ts, backed by the flags table; defaults live in config/flags.json.', 'config rollout'],
  ['redis-cache', 'Caching with Redis', 'The cache wrapper is src/lib/cache.ts (get/set with TTL in seconds). Keys are prefixed with the service name.', 'cache redis ttl'],
  ['auth-jwt', 'Authentication', 'Auth uses short-lived JWT access tokens (15 min) and refresh tokens in an httpOnly cookie; see src/auth/.', 'auth tokens login'],
  ['auth-tests-clock', 'Auth tests and the clock', 'Token expiry tests fake the clock with sinon.useFakeTimers; restore it in afterEach or later tests hang.', 'testing auth sinon'],
  ['stripe-webhooks', 'Stripe webhooks', 'Webhook signatures are checked in src/payments/webhook.ts with the raw body; the JSON body parser must not run on that route.', 'payments stripe'],
  ['payments-test-mode', 'Payment tests', 'Payment tests use Stripe test mode keys and the stripe-mock container (`docker compose up stripe-mock`).', 'payments testing docker'],
  ['frontend-build', 'Building the web client', 'The web client is in web/ and builds with Vite: `npm run build -w web`. Output goes to web/dist, served by the API in production.', 'web vite build'],
  ['frontend-dev-proxy', 'Web client dev server proxy', 'The Vite dev server proxies /api to localhost:3000 (vite.config.ts); start the API first.', 'web vite dev'],
  ['css-modules', 'Styling', 'Components use CSS modules (*.module.css); no global class names except in web/src/styles/base.css.', 'web css style'],
  ['react-query', 'Data fetching in the client', 'Use TanStack Query hooks from web/src/api/hooks.ts for server data; no fetch in components.', 'web react data'],
  ['i18n', 'Translations', 'User-facing strings go in web/src/i18n/en.json and de.json; run `npm run i18n:check` to find missing keys.', 'web translations i18n'],
  ['lint-format', 'Lint and format', 'ESLint and Prettier run in a pre-commit hook (lint-staged). Fix with `npm run lint -- --fix`.', 'lint prettier hooks'],
  ['commit-style', 'Commit messages', 'Commits follow Conventional Commits (feat:, fix:, chore:); the changelog is generated from them.', 'git conventions'],
  ['branching', 'Branches and releases', 'Work on feature branches off main; releases are tagged vX.Y.Z by the release workflow, never by hand.', 'git releases'],
  ['ci-workflow', 'CI', 'CI is GitHub Actions (.github/workflows/ci.yml): lint, unit tests, e2e on Ubuntu with Postgres and Redis services.', 'ci github actions'],
  ['ci-flaky-e2e', 'Flaky e2e test on CI', 'checkout.spec.ts is flaky on CI because the payment iframe loads slowly; it waits for the iframe\'s ready event now.', 'ci e2e flaky'],
  ['node-version', 'Node version', 'The project needs Node 20 (see .nvmrc); Node 22 breaks the bcrypt prebuilt binaries.', 'node runtime'],
  ['bcrypt-native', 'bcrypt native module', 'bcrypt is a native module: after switching Node versions run `npm rebuild bcrypt`.', 'node native modules'],
  ['monorepo-workspaces', 'Workspaces', 'npm workspaces: api/ (root package), web/, packages/shared. Install once at the root; use -w to target one.', 'npm monorepo'],
  ['shared-types', 'Shared types between API and client', 'Types shared by API and client live in packages/shared/src; build it with `npm run build -w packages/shared` before type-checking web.', 'typescript monorepo'],
  ['openapi', 'OpenAPI spec', 'The OpenAPI spec is generated from the zod schemas by `npm run openapi` into docs/openapi.json; do not edit it by hand.', 'api docs generated'],
  ['rate-limit', 'Rate limiting', 'Rate limits are per API key in src/api/middleware/rateLimit.ts using Redis counters; tests disable it with RATE_LIMIT=off.', 'api throttling redis'],
  ['email-templates', 'Email templates', 'Emails are MJML templates in src/email/templates/; preview them with `npm run email:preview`.', 'email mjml'],
  ['queue-jobs', 'Background jobs', 'Background jobs use BullMQ queues defined in src/jobs/; the worker runs with `npm run worker`.', 'jobs bullmq worker'],
  ['job-retries', 'Job retries', 'Jobs retry 5 times with exponential backoff; idempotency keys prevent double charges in payment jobs.', 'jobs retries idempotency'],
  ['uploads-s3', 'File uploads', 'Uploads go to S3 through presigned URLs (src/storage/s3.ts); locally MinIO runs in docker compose.', 'storage s3 minio'],
  ['search-index', 'Product search', 'Product search uses Postgres full-text search (tsvector column products.search); reindex with `npm run search:reindex`.', 'search postgres'],
  ['pagination', 'Pagination', 'List endpoints use cursor pagination (?cursor=&limit=), never offset; helpers in src/api/paginate.ts.', 'api lists'],
  ['soft-delete', 'Deleting records', 'Users and orders are soft-deleted (deleted_at); queries must filter deleted rows through the repository methods.', 'database deletion'],
  ['repository-pattern', 'Database access', 'All SQL goes through repositories in src/db/repos/ using Kysely; no raw queries in handlers.', 'database sql kysely'],
  ['test-db-reset', 'Test database', 'Integration tests use a separate database (test_app) that is truncated before each file by test/setup.ts.', 'testing database'],
  ['fixtures-factories', 'Test data', 'Create test data with the factories in test/factories/ (userFactory, orderFactory), not with inline SQL.', 'testing fixtures'],
  ['coverage', 'Coverage', 'Coverage is measured with c8 (`npm run coverage`); CI fails under 80% lines for src/api.', 'testing ci coverage'],
  ['perf-n-plus-one', 'N+1 queries in orders', 'The orders list had N+1 queries for line items; load them with one query joined by order id (see OrdersRepo.listWithItems).', 'performance database'],
  ['timezone-bug-reports', 'Reports were off by one day', 'Daily reports were off by one day for users west of UTC; the fix was to bucket by the user\'s zone with date-fns-tz.', 'reports timezone bug'],
  ['user-prefers-small-prs', 'The user prefers small pull requests', 'Keep changes small and focused; split refactors from behaviour changes.', 'preferences reviews'],
  ['user-prefers-pnpm-no', 'Package manager', 'This repository uses npm (package-lock.json); do not switch to pnpm or yarn.', 'preferences npm'],
  ['user-british-spelling', 'Spelling in docs', 'The user writes docs in British English (colour, behaviour).', 'preferences docs'],
  ['decision-no-orm', 'Decision: no ORM', 'We chose Kysely (a query builder) over Prisma in 2025 for control over SQL and faster cold starts.', 'decision database'],
  ['decision-monolith', 'Decision: one service', 'The API and worker stay one repository and one deployable; splitting into services was rejected for now.', 'decision architecture'],
  ['pitfall-json-bigint', 'Pitfall: bigint ids in JSON', 'Order ids are bigint in Postgres; serialise them as strings or JSON.stringify throws.', 'pitfall json ids'],
  ['pitfall-docker-mac', 'Pitfall: Docker on macOS file watching', 'On macOS the API in Docker misses file changes; run it on the host with `npm run dev` instead.', 'pitfall docker macos'],
  ['pitfall-vite-env', 'Pitfall: client env variables', 'Only variables prefixed VITE_ reach the web client; others are undefined in the browser.', 'pitfall web env'],
  ['deploy', 'Deploying', 'Deploys run from the release workflow to Fly.io (fly.toml); migrations run in the release command before the new version starts.', 'deploy fly release'],
  ['secrets-management', 'Production secrets', 'Production secrets are Fly secrets; never commit them; .env is git-ignored.', 'secrets deploy'],
  ['healthcheck', 'Health check', 'GET /healthz checks the database and Redis; the load balancer uses it.', 'ops monitoring'],
  ['openapi-client', 'Generated API client', 'The web client\'s API types are generated from docs/openapi.json with openapi-typescript (`npm run gen:client -w web`).', 'web api generated'],
  ['storybook', 'Component stories', 'UI components have Storybook stories next to them (*.stories.tsx); run `npm run storybook -w web`.', 'web components'],
  ['accessibility', 'Accessibility checks', 'Pages are checked with axe in the e2e suite; new pages need an axe check in e2e/a11y.spec.ts.', 'web a11y e2e'],
];

/** The past tasks, as digests of their transcripts. */
export const realisticTasks: TaskDigest[] = [
  task('t1', ['Make the failing date tests pass'], ['Read test/dates.test.ts', 'Fix month() off-by-one', 'Run tests'], 'completed, verified: month() used getMonth (0-based); now uses date-fns getMonth + 1.', ['src/lib/dates.ts'], ['npm run test:unit (passed)']),
  task('t2', ['Add rate limiting to the public search endpoint'], ['Add middleware', 'Configure limits', 'Tests'], 'completed, verified: 60 requests a minute per key on /api/search.', ['src/api/middleware/rateLimit.ts', 'src/api/routes/search.ts'], ['npm run test:unit (passed)']),
  task('t3', ['Fix the checkout e2e test that times out on CI'], ['Reproduce', 'Wait for the payment iframe', 'Run e2e'], 'completed, verified: waits for the iframe ready event instead of a fixed delay.', ['e2e/checkout.spec.ts'], ['xvfb-run npm run e2e -- checkout (passed)']),
  task('t4', ['Upgrade to Node 22'], ['Try Node 22', 'bcrypt fails', 'Revert'], 'stopped: bcrypt prebuilt binaries do not exist for Node 22 yet; stayed on Node 20.', [], ['npm ci (failed)']),
  task('t5', ['Speed up the orders list endpoint'], ['Profile', 'Remove N+1 query', 'Add test'], 'completed, verified: one joined query for line items; 40x fewer queries.', ['src/db/repos/orders.ts', 'test/api/orders.test.ts'], ['npm run test:unit (passed)']),
  task('t6', ['Add German translations for the settings page'], ['Extract strings', 'Add de.json keys', 'i18n check'], 'completed, verified.', ['web/src/i18n/de.json', 'web/src/pages/Settings.tsx'], ['npm run i18n:check (passed)']),
  task('t7', ['Send a welcome email after sign-up'], ['MJML template', 'Queue job', 'Test'], 'completed, verified: a BullMQ job sends the welcome email.', ['src/email/templates/welcome.mjml', 'src/jobs/welcomeEmail.ts'], ['npm run test:unit (passed)']),
  task('t8', ['Fix daily reports being off by one day'], ['Find bucketing', 'Use user time zone', 'Tests'], 'completed, verified: reports bucket by the user zone with date-fns-tz.', ['src/reports/daily.ts', 'test/reports/daily.test.ts'], ['npm run test:unit (passed)']),
  task('t9', ['Make uploads work locally without AWS'], ['Add MinIO to compose', 'Configure endpoint'], 'completed, verified: MinIO in docker compose, S3 endpoint from env.', ['docker-compose.yml', 'src/storage/s3.ts'], ['npm run test:unit (passed)']),
  task('t10', ['Stripe webhook signature verification fails'], ['Check raw body', 'Skip JSON parser on webhook route'], 'completed, verified: the webhook route gets the raw body.', ['src/payments/webhook.ts', 'src/api/index.ts'], ['npm run test:unit (passed)']),
  task('t11', ['Add cursor pagination to the products list'], ['Helper', 'Route', 'Tests'], 'completed, verified.', ['src/api/paginate.ts', 'src/api/routes/products.ts'], ['npm run test:unit (passed)']),
  task('t12', ['Serialise order ids safely in API responses'], ['Find bigint', 'Stringify ids'], 'completed, verified: bigint ids are sent as strings.', ['src/api/serialize.ts'], ['npm run test:unit (passed)']),
];

type TaskFields = [goals: string[], plan: string[], outcome: string, files: string[], checks: string[]];

function task(id: string, ...[goals, plan, outcome, files, checks]: TaskFields): TaskDigest {
  return { taskId: id, startedAt: Date.UTC(2026, 0, Number(id.slice(1))), roots: ['/repo'], goals, plan, outcome, files, checks };
}

export function note(id: string, title: string, body: string, tags: string[]): MemoryNote {
  return { id, scope: 'workspace', title, body, created: '2026-01-01T00:00:00Z', updated: '2026-01-01T00:00:00Z', source: 'agent', provenance: [], tags };
}

/** The realistic notes, as the store holds them. */
export const realisticNotes: MemoryNote[] = notes.map(([id, title, body, tags]) => note(id, title, body, tags.split(' ')));

/** The realistic documents, as the index holds them. */
export const realisticDocs: MemoryDoc[] = [...realisticNotes.map(noteDoc), ...realisticTasks.map(taskDoc)];

const n = (id: string): string => `note:workspace/${id}`;
const t = (id: string): string => `task:${id}`;

/** Queries and the documents that answer them (any one of them in the top five counts as a hit). */
export const labelledQueries: { query: string; relevant: string[] }[] = [
  { query: 'how do I run the tests', relevant: [n('run-unit-tests')] },
  { query: 'e2e fails with no display on linux', relevant: [n('e2e-needs-xvfb')] },
  { query: 'add a column to the users table', relevant: [n('db-migrations')] },
  { query: 'which port is the dev database on', relevant: [n('local-postgres')] },
  { query: 'what env vars do I need', relevant: [n('env-file')] },
  { query: 'where do I add a new endpoint', relevant: [n('api-routes-layout')] },
  { query: 'validate the request payload', relevant: [n('zod-validation')] },
  { query: 'how should an endpoint return an error', relevant: [n('error-format')] },
  { query: 'how did we fix the date tests last time', relevant: [t('t1')] },
  { query: 'can I use moment for formatting', relevant: [n('date-fns-not-moment')] },
  { query: 'console.log in the server', relevant: [n('logger')] },
  { query: 'turn a feature on for some users', relevant: [n('feature-flags')] },
  { query: 'refresh token cookie expiry', relevant: [n('auth-jwt')] },
  { query: 'tests hang after the token expiry test', relevant: [n('auth-tests-clock')] },
  { query: 'webhook signature verification failing', relevant: [n('stripe-webhooks'), t('t10')] },
  { query: 'build the frontend for production', relevant: [n('frontend-build')] },
  { query: 'api calls from the vite dev server get 404', relevant: [n('frontend-dev-proxy')] },
  { query: 'add a german translation', relevant: [n('i18n'), t('t6')] },
  { query: 'commit message format', relevant: [n('commit-style')] },
  { query: 'can we move to node 22', relevant: [n('node-version'), t('t4')] },
  { query: 'bcrypt error after changing node', relevant: [n('bcrypt-native')] },
  { query: 'web type check fails on shared types', relevant: [n('shared-types')] },
  { query: 'regenerate the openapi spec', relevant: [n('openapi')] },
  { query: 'tests get 429 too many requests', relevant: [n('rate-limit')] },
  { query: 'background worker queue', relevant: [n('queue-jobs')] },
  { query: 'uploads without aws locally', relevant: [n('uploads-s3'), t('t9')] },
  { query: 'offset pagination for a list endpoint', relevant: [n('pagination'), t('t11')] },
  { query: 'deleted users still show up', relevant: [n('soft-delete')] },
  { query: 'write a raw sql query in a handler', relevant: [n('repository-pattern')] },
  { query: 'create a user in a test', relevant: [n('fixtures-factories')] },
  { query: 'orders endpoint is slow', relevant: [n('perf-n-plus-one'), t('t5')] },
  { query: 'report shows the wrong day', relevant: [n('timezone-bug-reports'), t('t8')] },
  { query: 'should I use pnpm', relevant: [n('user-prefers-pnpm-no')] },
  { query: 'why kysely and not prisma', relevant: [n('decision-no-orm')] },
  { query: 'JSON.stringify throws on order id', relevant: [n('pitfall-json-bigint'), t('t12')] },
  { query: 'environment variable undefined in the browser', relevant: [n('pitfall-vite-env')] },
  { query: 'how do we deploy', relevant: [n('deploy')] },
  { query: 'checkout test timing out in CI', relevant: [n('ci-flaky-e2e'), t('t3')] },
  { query: 'welcome email', relevant: [t('t7'), n('email-templates')] },
  { query: 'storybook for a new component', relevant: [n('storybook')] },
];
