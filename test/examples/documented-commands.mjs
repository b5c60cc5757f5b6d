// Holds the docs to the commands the installed package is run with: each command form run (the program,
// its subcommand words and its flags, without their values) must appear in a command line of the doc
// that is the program's home.
import fs from "node:fs";
import path from "node:path";

/** Where each program's commands are documented, for the person who runs them. */
export const commandDocs = { "ccms-check": "docs/it-staff.md", "ccms-sim": "docs/qa.md" };

/**
 * The form of a command line: the words before the first flag (a subcommand: a value there, a user ID say,
 * must be in the doc as it is), then the flags; what follows a flag (its value) is left out:
 * `["users", "list", "--json"]`, `["--url", "--ca", "--html"]`.
 */
export function commandForm(args) {
  const firstFlag = args.findIndex((arg) => arg.startsWith("--"));
  const words = firstFlag === -1 ? args : args.slice(0, firstFlag);
  return [...words, ...args.filter((arg) => arg.startsWith("--"))];
}

/**
 * The command lines of `program` in a Markdown text, each as its words: the lines of code blocks (a line
 * indented under another continues it; a `#` comment is left out) and the inline code spans, those that
 * begin with `npx <program>` or `<program>`. Each of a synopsis's ` | ` alternatives is a command of its
 * own (`ccms-sim users list | users show <id>`); brackets separate words.
 */
export function commandLines(markdown, program) {
  const blocks = [...markdown.matchAll(/^```[^\n]*\n([\s\S]*?)^```/gm)].map((match) => match[1]);
  const blockLines = blocks.flatMap((block) =>
    block
      .split("\n")
      .reduce((lines, line) => {
        if (/^\s/.test(line) && lines.length > 0) lines[lines.length - 1] += ` ${line}`;
        else lines.push(line);
        return lines;
      }, [])
      .map((line) => line.replace(/\s#.*$/, "")),
  );
  const prose = markdown.replace(/^```[^\n]*\n[\s\S]*?^```/gm, "");
  const spans = [...prose.matchAll(/`([^`]+)`/g)].map((match) => match[1]);
  const words = (text) => text.split(/[\s[\]]+/).filter(Boolean);
  return [...blockLines, ...spans]
    .map((line) => line.trim().replace(/^npx\s+/, ""))
    .filter((line) => words(line)[0] === program)
    .flatMap((line) =>
      line
        .slice(program.length)
        .split(/\s\|\s/)
        .map(words),
    );
}

/**
 * What is missing from the docs among `ran` (`{program, form}` each): one line per form that no command
 * line of the program's doc holds (all of its words), naming the doc and the command.
 */
export function undocumentedCommands(packageRoot, ran) {
  const missing = [];
  for (const { program, form } of ran) {
    const doc = commandDocs[program];
    const command = `npx ${[program, ...form].join(" ")}`;
    if (!doc) {
      missing.push(`${command}: no doc is named as ${program}'s home (commandDocs)`);
      continue;
    }
    const lines = commandLines(fs.readFileSync(path.join(packageRoot, doc), "utf8"), program);
    if (!lines.some((words) => form.every((word) => words.includes(word)))) {
      missing.push(
        `${doc} shows no command line with "${command}" (values aside), which the installed package is run with`,
      );
    }
  }
  return missing;
}
