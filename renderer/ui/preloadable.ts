import { createElement, lazy, type ComponentType } from "react";

/** A screen loaded on demand that can be fetched ahead of time; see `preloadable`. */
export type Preloadable<P extends object> = ComponentType<P> & { preload: () => Promise<void> };

/**
 * Like React's `lazy`, but once its code has arrived (ahead of time, by `preload`) it renders at once,
 * without suspending: a suspended screen is shown no sooner than React's reveal throttle allows
 * (some 300 ms), which a preloaded one need not wait.
 */
export function preloadable<P extends object>(
  load: () => Promise<{ default: ComponentType<P> }>,
): Preloadable<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<{ default: ComponentType<P> }> | null = null;
  const fetch = () =>
    (loading ??= load().then(
      (module) => {
        loaded = module.default;
        return module;
      },
      (error: unknown) => {
        loading = null;
        throw error;
      },
    ));
  const Lazy = lazy(fetch);
  const Screen = (props: P) => {
    const Loaded = loaded;
    return Loaded ? createElement(Loaded, props) : createElement(Lazy, props);
  };
  return Object.assign(Screen, { preload: () => fetch().then(() => {}) });
}
