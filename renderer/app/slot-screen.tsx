import { Suspense, type ComponentType, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useFocusOnMount } from "../ui/focus.js";
import { slots } from "./slots.js";

interface Props {
  slot: "connectivity" | "methodChoice" | "smartcard" | "admin";
  /** Shown while the feature is not part of the build. */
  placeholder: ComponentType;
}

/** A screen another feature provides, or its placeholder until it does. */
export function SlotScreen({ slot, placeholder: Placeholder }: Props) {
  const { t } = useTranslation();
  const Screen = slots[slot];
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
