/**
 * Images for the model: recognised by their bytes (not their name), encoded base64 for a vision-capable model,
 * described in a note for one without vision. Used by `read_file` and by goals that carry images.
 */
import type { ImageAttachment } from '../llm/messages';

/** Anthropic's limit per image (OpenAI's is larger): above it an image is described, not sent. */
export const maxImageBytes = 5 * 1024 * 1024;

/** The media type the bytes start with, or undefined when they are not a PNG, JPEG, GIF or WebP image. */
export function imageMediaType(bytes: Uint8Array): ImageAttachment['mediaType'] | undefined {
  const starts = (...values: number[]): boolean => values.every((v, i) => bytes[i] === v);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && String.fromCharCode(...bytes.subarray(8, 12)) === 'WEBP') return 'image/webp';
  return undefined;
}

/** The bytes as base64, in slices (a spread of megabytes would overflow the call stack). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** An image attachment of these bytes, when they are an image within the size limit. */
export function imageAttachment(bytes: Uint8Array, name: string): ImageAttachment | undefined {
  const mediaType = imageMediaType(bytes);
  if (!mediaType || bytes.length > maxImageBytes) return undefined;
  return { mediaType, data: toBase64(bytes), name };
}

/** What a model without vision is told in place of images it cannot take. */
export function noVisionNote(model: string, names: readonly string[]): string {
  const list = names.join(', ');
  return `[${names.length === 1 ? 'An image' : `${names.length} images`} (${list}) cannot be shown: the model ${model} does not take images (per the model table). If it does, say so with --vision yes (CLI) or "vision": true in autoAgent.models (VS Code); otherwise describe what you need from ${names.length === 1 ? 'it' : 'them'} in text.]`;
}
