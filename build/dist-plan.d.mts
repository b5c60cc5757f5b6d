// Types of dist-plan.mjs (plain JavaScript, run by `npm run dist` before anything is compiled).

export function targetSystems(args: string[]): NodeJS.Platform[];

export function smartcardBuildHint(platform: NodeJS.Platform): string;

export function planDist(input: {
  args: string[];
  platform: NodeJS.Platform;
  smartcardBuilt: boolean;
}): { refuse: string } | { builderArgs: string[]; withoutSmartcard: boolean };
