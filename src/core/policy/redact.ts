/**
 * Removes secrets from text before it leaves the engine (events, transcripts, logs, error messages): the
 * configured key itself and anything shaped like an API key.
 */

const keyShapes: RegExp[] = [
  /\bsk-(?:proj-|ant-|or-v1-)?[A-Za-z0-9_-]{16,}/g,
  /\b(?:ghp|gho|ghu|ghs|ghr|github_pat)_[A-Za-z0-9_]{20,}/g,
  /\bAKIA[0-9A-Z]{16}\b/g,
  /\bxox[abposr]-[A-Za-z0-9-]{10,}/g,
  /\bBearer\s+[A-Za-z0-9._~+/-]{16,}=*/g,
];

export const redactionMark = '[REDACTED]';

/** Redacts every known secret (exact) and every key-shaped string. Secrets shorter than 8 chars are ignored. */
export function redactSecrets(text: string, knownSecrets: readonly string[] = []): string {
  let out = text;
  for (const secret of knownSecrets) {
    if (secret.length >= 8) out = out.split(secret).join(redactionMark);
  }
  for (const shape of keyShapes) out = out.replace(shape, redactionMark);
  return out;
}

/** Redacts every string inside a JSON-like value, returning a copy. */
export function redactValue<T>(value: T, knownSecrets: readonly string[] = []): T {
  if (typeof value === 'string') return redactSecrets(value, knownSecrets) as T;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, knownSecrets)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactValue(v, knownSecrets);
    return out as T;
  }
  return value;
}
