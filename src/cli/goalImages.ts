/** `--image FILE`: the files read and attached to their goals, refused at once when they are not usable images. */
import { promises as fs } from 'node:fs';
import { imageAttachment, imageMediaType, maxImageBytes } from '../core/tools/imageFile';
import { UsageError, type RunArgs } from './runArgs';

/** The args with each goal's images read in; a missing file, a non-image or one too large is a usage error. */
export async function withGoalImages(args: RunArgs): Promise<RunArgs> {
  if (!args.imageFiles.length) return args;
  const goals = args.goals.map((goal) => ({ ...goal, images: [...(goal.images ?? [])] }));
  for (const { goalIndex, file } of args.imageFiles) {
    const bytes = await fs.readFile(file).catch((err: Error) => {
      throw new UsageError(`--image ${file} cannot be read: ${err.message}`);
    });
    if (!imageMediaType(bytes)) throw new UsageError(`--image ${file} is not a PNG, JPEG, GIF or WebP image.`);
    const image = imageAttachment(bytes, file);
    if (!image) throw new UsageError(`--image ${file} is larger than ${maxImageBytes / 1024 / 1024} MB, the limit for one image.`);
    goals[goalIndex].images.push(image);
  }
  return { ...args, goals: goals.map(({ images, ...goal }) => (images.length ? { ...goal, images } : goal)) };
}
