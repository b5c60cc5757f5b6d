import { lazy, type ComponentType, type LazyExoticComponent } from "react";

type Loader = () => Promise<{ default: ComponentType }>;

/**
 * Screens other features plug in. Each file, when present, default-exports a
 * component with no props and is loaded on demand; when absent the app shows
 * a placeholder in the same place. Adding one of these files is all it takes.
 */
const modules = import.meta.glob<{ default: ComponentType }>([
  "../features/connectivity/connectivity-screen.tsx",
  "../features/smartcard/method-choice-screen.tsx",
  "../features/smartcard/smartcard-screen.tsx",
  "../features/smartcard/otp-fallback.tsx",
  "../features/admin/admin-screen.tsx",
]);

const slot = (file: string): LazyExoticComponent<ComponentType> | null => {
  const loader: Loader | undefined = modules[`../features/${file}.tsx`];
  return loader ? lazy(loader) : null;
};

/** Each slot's component, or null while its feature is not part of the build. */
export const slots = {
  connectivity: slot("connectivity/connectivity-screen"),
  methodChoice: slot("smartcard/method-choice-screen"),
  smartcard: slot("smartcard/smartcard-screen"),
  otpFallback: slot("smartcard/otp-fallback"),
  admin: slot("admin/admin-screen"),
} as const;
