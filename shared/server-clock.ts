/**
 * A server clock that moved by more than this is news (a simulator's clock moved, say): the main
 * process announces it, and the page takes it when an announcement went astray. Kept free of
 * imports, as the login screen's first scripts load it.
 */
export const SERVER_CLOCK_DRIFT_MS = 2_000;
