/** Synthetic filler notes for the latency rows: project-flavoured sentences from a fixed seed (reproducible). */
const subjects = ['the parser', 'the CLI', 'the webview', 'checkpoints', 'the indexer', 'date helpers', 'the test runner', 'the build', 'migrations', 'the API client', 'auth tokens', 'the cache', 'logging', 'the router', 'fixtures', 'the scheduler', 'payments', 'the exporter', 'i18n strings', 'the worker pool'];
const verbs = ['breaks when', 'needs', 'is configured by', 'must run before', 'is slow because of', 'depends on', 'is tested with', 'fails without', 'was rewritten to use', 'reads'];
const objects = ['an env variable', 'the lock file', 'a warm cache', 'UTC dates', 'the feature flag', 'node 20', 'a fresh database', 'the mock server', 'strict mode', 'the release branch', 'a retry with backoff', 'tsx', 'esbuild', 'the staging config', 'a unix socket', 'big fixtures', 'the CDN', 'yarn workspaces', 'a cron entry', 'the vendor SDK'];

/** A small deterministic PRNG (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` filler documents with ids `filler-N`. */
export function fillerDocs(count: number, seed = 7): { id: string; title: string; text: string }[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  const docs = [];
  for (let i = 0; i < count; i++) {
    const sentences = Array.from({ length: 3 + Math.floor(next() * 4) }, () => `${pick(subjects)} ${pick(verbs)} ${pick(objects)}.`);
    docs.push({ id: `filler-${i}`, title: `${pick(subjects)} ${pick(verbs)} ${pick(objects)}`, text: sentences.join(' ') });
  }
  return docs;
}
