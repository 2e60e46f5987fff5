/** The server families of the compatibility matrix, in the order the README table lists them. */
import { azureProfile, deepSeekProfile, geminiProfile, groqProfile, openRouterProfile } from './hostedProfiles';
import { llamaCppProfile, lmStudioProfile, ollamaProfile, vllmProfile } from './localProfiles';
import type { MatrixProfile } from './profileKit';

export const matrixProfiles: (() => MatrixProfile)[] = [
  geminiProfile, ollamaProfile, vllmProfile, llamaCppProfile, lmStudioProfile, openRouterProfile, deepSeekProfile, groqProfile, () => azureProfile(),
];

export type { MatrixProfile };
