import fs from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import tseslint from "typescript-eslint";

/**
 * Every folder declares what it may import; a file in a folder nobody declared is itself an error.
 *
 * Options: `{ walls: { [folder]: Wall } }`. A file belongs to the longest declared folder that
 * holds it ("." holds only the files at the root). A Wall:
 * - `imports`: what the folder may import besides its own files: folders or files of ours as globs
 *   (`shared/**`, `shared/errors.ts`), `node:*` for Node's built-in modules, `npm:*` for any other
 *   package, or a package by name (`react`, `@scope/name`). A leading `!` takes a pattern away.
 * - `loadsNo` (optional): packages that no module it loads at run time may pull in, however
 *   indirectly (type-only imports are erased and do not count).
 */

const builtins = new Set(builtinModules);
const sourceExtensions = [".ts", ".tsx", ".mts", ".js", ".mjs", ".cjs"];

/** `**` any depth, `*` within one path segment. */
function globToRegExp(glob) {
  let source = "";
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i];
    if (char === "*" && glob[i + 1] === "*") {
      source += ".*";
      i += 1;
    } else if (char === "*") source += "[^/]*";
    else source += char.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}

function packageNameOf(specifier) {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/** What an import specifier points at: one of our files (repo-relative), a built-in, or a package. */
function classify(specifier, fromFile, root) {
  if (specifier.startsWith(".") || specifier.startsWith("/")) {
    return { kind: "ours", file: resolveOurs(path.resolve(path.dirname(fromFile), specifier), root) };
  }
  const bare = specifier.replace(/^node:/, "");
  if (specifier.startsWith("node:") || builtins.has(bare) || builtins.has(packageNameOf(bare))) {
    return { kind: "builtin", name: specifier };
  }
  return { kind: "package", name: packageNameOf(specifier) };
}

/** `./x.js` written for ESM names `x.ts` on disk; anything else is taken as written. */
function resolveOurs(absolute, root) {
  const candidates = [absolute];
  const ext = path.extname(absolute);
  const stem = ext ? absolute.slice(0, -ext.length) : absolute;
  if (ext === ".js") candidates.push(`${stem}.ts`, `${stem}.tsx`);
  if (ext === ".mjs") candidates.push(`${stem}.mts`);
  if (!ext) candidates.push(...sourceExtensions.map((e) => `${absolute}${e}`));
  const found = candidates.find((candidate) => fs.existsSync(candidate)) ?? absolute;
  return path.relative(root, found).split(path.sep).join("/");
}

function compileWall(wall) {
  const positive = [];
  const negative = [];
  for (const pattern of wall.imports) {
    (pattern.startsWith("!") ? negative : positive).push(pattern.replace(/^!/, ""));
  }
  const test = (target) => (patterns) =>
    patterns.some((pattern) => {
      if (target.kind === "builtin") return pattern === "node:*";
      if (target.kind === "package") return pattern === "npm:*" || pattern === target.name;
      return !pattern.includes(":") && globToRegExp(pattern).test(target.file);
    });
  return {
    allows: (target) => test(target)(positive) && !test(target)(negative),
    describe: wall.imports.join(", ") || "nothing outside itself",
    loadsNo: new Set(wall.loadsNo ?? []),
  };
}

/** The folder a repo-relative file belongs to, or undefined when none is declared. */
function wallOf(file, folders) {
  const dir = path.posix.dirname(file);
  let best;
  for (const folder of folders) {
    const holds = folder === "." ? dir === "." : dir === folder || dir.startsWith(`${folder}/`);
    if (holds && (best === undefined || folder.length > best.length)) best = folder;
  }
  return best;
}

const isTypeOnly = (node) =>
  node.importKind === "type" ||
  node.exportKind === "type" ||
  (node.type === "ImportDeclaration" &&
    node.specifiers.length > 0 &&
    node.specifiers.every((s) => s.type === "ImportSpecifier" && s.importKind === "type"));

/** Every import in a program with its specifier and whether it survives compilation. */
function importsOf(program) {
  const found = [];
  const visit = (node) => {
    if (!node || typeof node.type !== "string") return;
    if (
      (node.type === "ImportDeclaration" ||
        node.type === "ExportAllDeclaration" ||
        node.type === "ExportNamedDeclaration") &&
      node.source
    ) {
      found.push({ node, specifier: node.source.value, runtime: !isTypeOnly(node) });
    } else if (node.type === "ImportExpression" && node.source.type === "Literal") {
      found.push({ node, specifier: node.source.value, runtime: true });
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === "parent") continue;
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === "object") visit(value);
    }
  };
  visit(program);
  return found;
}

const parsedImports = new Map();

/** The run-time imports of one of our files, parsed once per file version. */
function runtimeImportsOfFile(file, root) {
  const absolute = path.join(root, file);
  let stat;
  try {
    stat = fs.statSync(absolute);
  } catch {
    return [];
  }
  const cached = parsedImports.get(absolute);
  if (cached && cached.mtimeMs === stat.mtimeMs) return cached.imports;
  const { ast } = tseslint.parser.parseForESLint(fs.readFileSync(absolute, "utf8"), {
    sourceType: "module",
    ecmaVersion: "latest",
    ecmaFeatures: { jsx: file.endsWith("x") },
    filePath: absolute,
  });
  const imports = importsOf(ast)
    .filter((i) => i.runtime)
    .map((i) => i.specifier);
  parsedImports.set(absolute, { mtimeMs: stat.mtimeMs, imports });
  return imports;
}

/** The chain of our files through which `file` loads one of `packages` at run time, if any. */
function chainToPackage(file, packages, root, seen = new Set()) {
  if (seen.has(file) || !sourceExtensions.includes(path.extname(file))) return undefined;
  seen.add(file);
  for (const specifier of runtimeImportsOfFile(file, root)) {
    const target = classify(specifier, path.join(root, file), root);
    if (target.kind === "package" && packages.has(target.name)) return [file, target.name];
    if (target.kind === "ours") {
      const rest = chainToPackage(target.file, packages, root, seen);
      if (rest) return [file, ...rest];
    }
  }
  return undefined;
}

export default {
  meta: {
    type: "problem",
    docs: { description: "Each folder imports only what it declares; undeclared folders are errors." },
    schema: [
      {
        type: "object",
        properties: { walls: { type: "object" } },
        required: ["walls"],
        additionalProperties: false,
      },
    ],
    messages: {
      undeclared:
        "The folder {{folder}}/ declares no imports: add it to the import walls in eslint.config.js (docs/architecture.md).",
      notAllowed:
        "{{folder}}/ may not import {{target}}: it may import {{allowed}} (import walls in eslint.config.js).",
      loadsForbidden:
        "{{folder}}/ may not load {{pkg}}, and {{target}} does: {{chain}} (import walls in eslint.config.js).",
    },
  },
  create(context) {
    const root = context.cwd;
    const file = path.relative(root, context.filename).split(path.sep).join("/");
    if (file.startsWith("..")) return {};
    const walls = context.options[0].walls;
    const folder = wallOf(file, Object.keys(walls));
    return {
      Program(program) {
        if (folder === undefined) {
          context.report({
            node: program,
            messageId: "undeclared",
            data: { folder: path.posix.dirname(file) },
          });
          return;
        }
        const wall = compileWall(walls[folder]);
        for (const { node, specifier, runtime } of importsOf(program)) {
          const target = classify(specifier, context.filename, root);
          if (target.kind === "ours" && wallOf(target.file, [folder]) === folder) continue;
          const name = target.kind === "ours" ? target.file : target.name;
          if (!wall.allows(target)) {
            context.report({
              node,
              messageId: "notAllowed",
              data: { folder, target: name, allowed: wall.describe },
            });
            continue;
          }
          if (!runtime || wall.loadsNo.size === 0) continue;
          const chain =
            target.kind === "ours"
              ? chainToPackage(target.file, wall.loadsNo, root)
              : wall.loadsNo.has(target.name)
                ? [target.name]
                : undefined;
          if (chain) {
            context.report({
              node,
              messageId: "loadsForbidden",
              data: { folder, pkg: chain[chain.length - 1], target: name, chain: chain.join(" → ") },
            });
          }
        }
      },
    };
  },
};
