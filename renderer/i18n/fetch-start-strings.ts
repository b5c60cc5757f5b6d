import { fetchStrings, startingLanguage } from "./strings-source.js";

// Imported first by the page's entry, so that the login form's strings are on their way while the
// browser runs React's and the app's code, rather than asked for once that is done.
void fetchStrings(startingLanguage(), "start").catch(() => {
  // i18next asks again, and says what failed.
});
