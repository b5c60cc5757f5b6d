import type { Language } from "../../../shared/languages.js";
import type { Shot } from "../shots.js";

/**
 * A block of a guide's section. Text takes two marks: `**words**` in bold, and `[[key]]` for the app's
 * own words at that key of its translation files (`[[otp.resend]]` is "Resend code" in English), so the
 * guide names every control exactly as the screen in its language does.
 */
export type Block =
  | { p: string }
  | { steps: string[] }
  | { list: string[] }
  | { figure: Shot; caption: string }
  | { table: { head: string[]; rows: string[][] } }
  | { note: string };

export interface Section {
  /** The section's anchor, the same in both languages. */
  id: string;
  title: string;
  blocks: Block[];
}

/** One language's user guide: its own words, in one register. */
export interface GuideText {
  language: Language;
  title: string;
  subtitle: string;
  /** Under the title: which app and version, and when the guide was printed. */
  edition(values: { version: string; date: string }): string;
  contentsTitle: string;
  /** The cover's paragraphs: what the guide is and whom it is for. */
  cover: string[];
  /** The page footer's words around the page number: `Page 3 of 12`. */
  pageOf: { before: string; between: string; after: string };
  sections: Section[];
}

/** Every screenshot a guide shows, in its order. */
export function figuresOf(guide: GuideText): Shot[] {
  return guide.sections.flatMap((section) =>
    section.blocks.flatMap((block) => ("figure" in block ? [block.figure] : [])),
  );
}
