import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import type { MachineProblem } from "../../../shared/contract/app.js";
import type { CheckStatus, CheckStepId } from "../../../shared/contract/connectivity.js";
import { eventNames, methodNames } from "../../../shared/contract/names.js";
import { keychainCauses, type ProxyMode, type RouteSource } from "../../../shared/contract/network.js";
import { practiceItemIds } from "../../../shared/contract/practice.js";
import type { SignInProgress } from "../../../shared/contract/smartcard.js";
import { errorCodes } from "../../../shared/errors.js";
import { netProblemKinds } from "../../../shared/net-problems.js";
import { phases } from "../../../shared/phases.js";
import type { AdminUser } from "../../../shared/wire/admin.js";
import type { SessionInfo } from "../../../shared/wire/authn.js";
import {
  deadlineIds,
  type DeadlineStatus,
  type PcResultSource,
  type UserNeed,
  type VerdictReasonCode,
} from "../../../shared/wire/readiness.js";
import { momentPresetIds } from "../../../shared/wire/rehearsal.js";
import { traineeSteps } from "../../../shared/wire/room.js";
import { shippedScenarios } from "../../../simulator/scenarios/shipped-scenarios.js";
import type { UserFilter } from "../../../renderer/features/readiness/readiness-store.js";
import type { BridgeProblem } from "../../../renderer/bridge/index.js";
import type { Notice } from "../../../renderer/app/nav-store.js";
import type { TargetKind } from "../../../renderer/features/connectivity/connectivity-store.js";
import type { RuleStatus } from "../../../renderer/features/auth/password-rule-status.js";
import en from "../../../renderer/i18n/en.json";
import zhHK from "../../../renderer/i18n/zh-HK.json";

type Tree = { [key: string]: string | Tree };
const languages = { en: en as Tree, "zh-HK": zhHK as Tree };
const namespaces = new Set(Object.keys(en));
const contractNames: ReadonlySet<string> = new Set([...methodNames, ...eventNames]);

/** A key names a string in the language, itself or as its plural forms (`key_one`, `key_other`). */
function hasKey(tree: Tree, key: string): boolean {
  const leaf = (k: string) =>
    k
      .split(".")
      .reduce<string | Tree | undefined>(
        (node, part) => (typeof node === "object" ? node[part] : undefined),
        tree,
      );
  return typeof leaf(key) === "string" || typeof leaf(`${key}_other`) === "string";
}

/** Every value of a union, listed once: the type checker fails this file when the union gains or loses one. */
const all = <T extends string>(values: Record<T, true>): T[] => Object.keys(values) as T[];

const checkStepIds = all<CheckStepId>({
  browser: true,
  proxy: true,
  dns: true,
  tcp: true,
  tls: true,
  http: true,
  page: true,
});
const limits = ["idle", "absolute"];

/** For each key the renderer builds in code (`${…}` stands for each part filled in), the values it fills in. */
const builtKeys: Record<string, string[][]> = {
  "bridge.${}": [all<BridgeProblem>({ NO_TOKEN: true, TOKEN_REFUSED: true })],
  "admin.roles.${}": [all<AdminUser["role"]>({ user: true, da: true })],
  "changePassword.status.${}": [
    all<RuleStatus>({ met: true, unmet: true, pending: true, server: true, refused: true }),
  ],
  "notice.${}": [
    all<Notice>({
      signedOut: true,
      sessionEnded: true,
      "ended.idle": true,
      "ended.absolute": true,
      "ended.signed-out": true,
      "ended.signed-out-elsewhere": true,
      "ended.account-locked": true,
      "ended.simulator-reset": true,
    }),
  ],
  "session.warning.${}": [limits],
  "session.lock.ending.${}": [limits],
  "readiness.deadlines.${}": [[...deadlineIds]],
  "readiness.deadlines.status.${}": [all<DeadlineStatus>({ upcoming: true, today: true, passed: true })],
  "readiness.users.filter.${}": [all<UserFilter>({ "needs-action": true, all: true })],
  "readiness.needs.${}": [
    all<UserNeed>({
      "no-email": true,
      "da-email-processing": true,
      locked: true,
      "no-2fa-sign-in": true,
    }),
  ],
  "readiness.verdict.reasons.${}": [
    all<VerdictReasonCode>({
      "users-without-email": true,
      "das-email-processing": true,
      "users-locked": true,
      "users-without-2fa-sign-in": true,
      "no-pc-results": true,
      "pcs-failing": true,
    }),
  ],
  "readiness.pcs.sources.${}": [all<PcResultSource>({ app: true, upload: true })],
  "readiness.upload.${}": [["notJson", "notReport"]],
  "outcome.${}.title": [["LOCKED_OUT", "EMAIL_NOT_REGISTERED", "METHOD_DECOMMISSIONED", "EXPIRED"]],
  "outcome.${}.body": [["LOCKED_OUT", "EMAIL_NOT_REGISTERED", "METHOD_DECOMMISSIONED", "EXPIRED"]],
  "smartcard.progress.${}": [
    all<SignInProgress["step"]>({
      challenge: true,
      connect: true,
      pin: true,
      certificate: true,
      signing: true,
      verifying: true,
    }),
  ],
  "phases.${}": [[...phases]],
  "room.steps.${}": [[...traineeSteps]],
  "connectivity.target.${}": [all<TargetKind>({ production: true, builtin: true, url: true })],
  "connectivity.status.${}": [all<CheckStatus>({ pass: true, warn: true, fail: true, skip: true })],
  "connectivity.summary.${}": [["pass", "warn", ...checkStepIds.map((id) => `fail.${id}`)]],
  "connectivity.step.${}": [checkStepIds],
  "desktop.methods.${}": [all<SessionInfo["authMethod"]>({ otp: true, smartcard: true })],
  "errors.${}": [[...errorCodes]],
  "netProblems.${}": [[...netProblemKinds]],
  "practice.items.${}.title": [[...practiceItemIds]],
  "practice.items.${}.circular": [[...practiceItemIds]],
  "practice.record.${}": [["user", "participant", "clearingHouse", "made"]],
  "rehearsal.presets.${}": [[...momentPresetIds]],
  "rehearsal.done.${}": [["tokenAccepted", "tokenForgotten"]],
  "rehearsal.situations.${}.title": [shippedScenarios().map((scenario) => scenario.name)],
  "rehearsal.situations.${}.text": [shippedScenarios().map((scenario) => scenario.name)],
  "machine.reason.${}": [
    all<Exclude<MachineProblem["reason"], "invalid">>({
      "too-large": true,
      unreadable: true,
      "not-json": true,
    }),
  ],
  "network.keychainCause.${}": [[...keychainCauses]],
  "network.mode.${}": [all<ProxyMode>({ system: true, none: true, manual: true })],
  // "environment" has its own keys, chosen by what the environment said.
  "network.why.${}": [
    all<Exclude<RouteSource, "environment">>({
      builtin: true,
      none: true,
      manual: true,
      system: true,
      flag: true,
      given: true,
    }),
  ],
};

function expand(pattern: string, values: string[][]): string[] {
  const [head, ...rest] = pattern.split("${}");
  return rest.reduce<string[]>(
    (keys, tail, i) => keys.flatMap((key) => (values[i] ?? []).map((value) => `${key}${value}${tail}`)),
    [head ?? ""],
  );
}

interface Use {
  file: string;
  key: string;
}

/** Keys written in the renderer's code: literal keys anywhere, and keys built by `t(`…${x}…`)`. */
function keysInCode(): { literal: Use[]; built: Use[] } {
  const root = path.resolve("renderer");
  const literal: Use[] = [];
  const built: Use[] = [];
  const files = fs
    .readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((file) => /\.tsx?$/.test(file) && !file.endsWith(".d.ts"));
  for (const file of files) {
    const source = ts.createSourceFile(
      file,
      fs.readFileSync(path.join(root, file), "utf8"),
      ts.ScriptTarget.Latest,
      true,
      file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
    );
    const visit = (node: ts.Node): void => {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
        const [namespace] = node.text.split(".");
        // `api.on["connectivity.step"]` names an event, and "app.simStatus" a method: not strings to translate.
        const contractName = ts.isElementAccessExpression(node.parent) || contractNames.has(node.text);
        if (/^\w+(\.\w+)+$/.test(node.text) && namespaces.has(namespace ?? "") && !contractName)
          literal.push({ file, key: node.text });
      }
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "t") {
        const [first] = node.arguments;
        if (first && ts.isTemplateExpression(first)) {
          const pattern =
            first.head.text + first.templateSpans.map((span) => `\${}${span.literal.text}`).join("");
          built.push({ file, key: pattern });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { literal, built };
}

describe("the i18n keys the renderer uses", () => {
  const { literal, built } = keysInCode();

  it("finds the keys written in code", () => {
    expect(literal.length).toBeGreaterThan(100);
    expect(built.length).toBeGreaterThan(10);
  });

  it("every key written as a string exists in both languages", () => {
    for (const [language, tree] of Object.entries(languages)) {
      const missing = literal
        .filter(({ key }) => !hasKey(tree, key))
        .map(({ file, key }) => `${file}: ${key}`);
      expect(missing, language).toEqual([]);
    }
  });

  it("every key built in code has its values listed here, and each exists in both languages", () => {
    const unlisted = built.filter(({ key }) => !(key in builtKeys)).map(({ file, key }) => `${file}: ${key}`);
    expect(unlisted, "keys built in code that this test does not know how to fill in").toEqual([]);
    for (const [language, tree] of Object.entries(languages)) {
      const missing = Object.entries(builtKeys).flatMap(([pattern, values]) =>
        expand(pattern, values).filter((key) => !hasKey(tree, key)),
      );
      expect(missing, language).toEqual([]);
    }
  });
});
