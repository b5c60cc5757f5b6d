import path from "node:path";

/** `login-screen.tsx`, `auth-client.test.ts`, `vite.config.ts`: lower-case words joined by hyphens, dot-separated parts. */
const kebabCase = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)*$/;

export default {
  meta: {
    type: "suggestion",
    docs: { description: "Source file names are kebab-case." },
    schema: [],
    messages: { notKebab: "File name {{name}} is not kebab-case (like {{suggestion}})." },
  },
  create(context) {
    return {
      Program(program) {
        const name = path.basename(context.filename);
        if (kebabCase.test(name)) return;
        const suggestion = name
          .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
          .replace(/[_\s]+/g, "-")
          .toLowerCase();
        context.report({ node: program, messageId: "notKebab", data: { name, suggestion } });
      },
    };
  },
};
