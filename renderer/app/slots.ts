import type { ComponentType } from "react";

type Loader = () => Promise<{ default: ComponentType }>;

/**
 * Screens other features plug in. Each file, when present, default-exports a
 * component with no props and is loaded on demand; when absent the app shows
 * a placeholder in the same place. Adding one of these files is all it takes.
 */
const modules = import.meta.glob<{ default: ComponentType }>([
  "../features/connectivity/ConnectivityScreen.tsx",
  "../features/smartcard/MethodChoiceScreen.tsx",
  "../features/smartcard/SmartcardScreen.tsx",
  "../features/smartcard/OtpFallback.tsx",
]);

export type SlotFeature = "connectivity" | "smartcard";

export function slotModule(feature: SlotFeature, name: string): Loader | null {
  return modules[`../features/${feature}/${name}.tsx`] ?? null;
}
