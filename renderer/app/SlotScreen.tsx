import { lazy, Suspense, type ComponentType, type LazyExoticComponent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useFocusOnMount } from "../ui/focus.js";
import { slotModule, type SlotFeature } from "./slots.js";

const cache = new Map<string, LazyExoticComponent<ComponentType>>();

function lazySlot(feature: SlotFeature, name: string): LazyExoticComponent<ComponentType> | null {
  const key = `${feature}/${name}`;
  const loader = slotModule(feature, name);
  if (!loader) return null;
  let component = cache.get(key);
  if (!component) cache.set(key, (component = lazy(loader)));
  return component;
}

interface Props {
  feature: SlotFeature;
  name: string;
  /** Shown while the feature is not part of the build. */
  placeholder: ComponentType;
}

/** A screen another feature provides, or its placeholder until it does. */
export function SlotScreen({ feature, name, placeholder: Placeholder }: Props) {
  const { t } = useTranslation();
  const Screen = lazySlot(feature, name);
  if (!Screen) return <Placeholder />;
  return (
    <Suspense fallback={<p className="card">{t("common.loading")}</p>}>
      <Screen />
    </Suspense>
  );
}

interface PlaceholderProps {
  titleKey: string;
  bodyKey: string;
  children?: ReactNode;
}

/** A plain card saying a feature is not part of this build. */
export function PlaceholderCard({ titleKey, bodyKey, children }: PlaceholderProps) {
  const { t } = useTranslation();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  return (
    <section className="card" aria-labelledby="placeholder-title">
      <h1 id="placeholder-title" ref={headingRef} tabIndex={-1}>
        {t(titleKey)}
      </h1>
      <p>{t(bodyKey)}</p>
      {children}
    </section>
  );
}
