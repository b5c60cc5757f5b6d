/** The toggle and the panel it opens name each other (aria-controls, focus back on close). */
export const REHEARSAL_TOGGLE_ID = "rehearsal-toggle";
export const REHEARSAL_PANEL_ID = "rehearsal-panel";
