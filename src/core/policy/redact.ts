/**
 * Removes secrets from text before it leaves the engine (events, transcripts, logs, error messages): the
 * configured key itself (also URL-encoded, base64-encoded and JSON-escaped) and anything shaped like a credential.
 */

/** Credential shapes of common providers, plus generic `password=`/`api_key:` assignments and private keys. */
const keyShapes: RegExp[] = [
  /\bsk-(?:proj-|ant-(?:api\d\d-)?|or-v1-|svcacct-|admin-)?[A-Za-z0-9_-]{16,}/g,
  /\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}/g,
  /\b(?:ghp|gho|ghu|ghs|ghr|github_pat)_[A-Za-z0-9_]{20,}/g,
  /\bglpat-[A-Za-z0-9_-]{20,}/g,
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g,
  /\bAIza[0-9A-Za-z_-]{35}\b/g,
  /\bxox[abposr]-[A-Za-z0-9-]{10,}/g,
  /\bhf_[A-Za-z0-9]{30,}\b/g,
  /\bgsk_[A-Za-z0-9]{30,}\b/g,
  /\bxai-[A-Za-z0-9]{30,}\b/g,
  /\bnpm_[A-Za-z0-9]{36}\b/g,
  /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g,
];

/** Secrets that follow a marker: the marker is kept, the value goes. */
const labelledShapes: RegExp[] = [
  /(\b(?:Bearer|Basic|Token)\s+)[A-Za-z0-9._~+/-]{12,}=*/gi,
  /((?:authorization|x-api-key|api-key|openai-api-key)["']?\s*[:=]\s*["']?(?:Bearer\s+)?)[^\s"',;]{8,}/gi,
  /(\b[A-Za-z0-9_]*(?:API_?KEY|SECRET|PASSWORD|PASSWD|ACCESS_?TOKEN|AUTH_?TOKEN)["']?\s*[:=]\s*["']?)[^\s"',;]{8,}/gi,
  /(\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:)[^@\s/]{3,}(?=@)/gi,
];

export const redactionMark = '[REDACTED]';

/** The forms a known secret can take in text: itself, URL-encoded, base64, JSON-escaped. */
function secretForms(secret: string): string[] {
  const forms = [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)];
  try {
    const base64 = btoa(secret);
    forms.push(base64, base64.replace(/=+$/, ''));
  } catch {
    // Not Latin-1: btoa cannot encode it, so it cannot appear base64-encoded in that way either.
  }
  return [...new Set(forms)].filter((form) => form.length >= 8);
}

/** Redacts every known secret (exact, and its encodings) and every key-shaped string. Secrets shorter than 8 chars are ignored. */
export function redactSecrets(text: string, knownSecrets: readonly string[] = []): string {
  let out = text;
  for (const secret of knownSecrets) {
    if (secret.length < 8) continue;
    for (const form of secretForms(secret)) out = out.split(form).join(redactionMark);
  }
  for (const shape of keyShapes) out = out.replace(shape, redactionMark);
  for (const shape of labelledShapes) out = out.replace(shape, (_m, label: string) => `${label}${redactionMark}`);
  return out;
}

/** Redacts every string inside a JSON-like value (object keys too), returning a copy. */
export function redactValue<T>(value: T, knownSecrets: readonly string[] = []): T {
  if (typeof value === 'string') return redactSecrets(value, knownSecrets) as T;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, knownSecrets)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[redactSecrets(k, knownSecrets)] = redactValue(v, knownSecrets);
    return out as T;
  }
  return value;
}

/** Characters always held back at the end of a stream, so a secret split across deltas is seen whole. */
const streamHoldBack = 48;
/** Past this many characters without whitespace, the held text is let out (redacted) anyway. */
const streamMaxHeld = 8192;

/**
 * Redacts a stream of text deltas (the model's streamed answer). A key split across two deltas would pass a
 * per-delta redaction, so the redactor holds back the tail (at least 48 characters, cut at whitespace, since keys
 * contain none) until more text shows it whole. Call `flush` when the stream ends.
 */
export class StreamRedactor {
  private held = '';

  constructor(private readonly knownSecrets: readonly string[] = []) {}

  /** Takes one delta; returns the text that is safe to show now (possibly empty). */
  push(delta: string): string {
    const text = this.held + delta;
    let cut = text.length - streamHoldBack;
    while (cut > 0 && !/\s/.test(text[cut - 1])) cut--;
    if (cut <= 0 && text.length > streamMaxHeld) cut = text.length - streamHoldBack;
    if (cut <= 0) {
      this.held = text;
      return '';
    }
    this.held = text.slice(cut);
    return redactSecrets(text.slice(0, cut), this.knownSecrets);
  }

  /** The rest of the stream, redacted. */
  flush(): string {
    const rest = redactSecrets(this.held, this.knownSecrets);
    this.held = '';
    return rest;
  }
}
