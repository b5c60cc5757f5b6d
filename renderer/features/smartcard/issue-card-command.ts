/** The simulator's command that issues a card file: a command line, the same in every language. */
export const issueCardCommand = "npm run simulator -- card issue --user <id> --pin <pin> --out <file>";
