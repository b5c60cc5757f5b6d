/**
 * A field's `maxLength` in the renderer is one of the protocol's limits (`limits.x` from
 * shared/contract/limits.ts), never a number copied by hand: the page refuses what the main process
 * and the server would refuse, and a limit changes in one place.
 */
const limitsModule = /(^|\/)shared\/contract\/limits(\.js|\.ts)?$/;

/** Whether `name` in scope of `node` is the `limits` imported from shared/contract/limits. */
function isLimitsImport(context, node, name) {
  for (let scope = context.sourceCode.getScope(node); scope; scope = scope.upper) {
    const variable = scope.set.get(name);
    if (!variable) continue;
    const definition = variable.defs[0];
    return (
      definition?.type === "ImportBinding" &&
      typeof definition.parent.source?.value === "string" &&
      limitsModule.test(definition.parent.source.value)
    );
  }
  return false;
}

export default {
  meta: {
    type: "problem",
    docs: { description: "A maxLength in the renderer comes from shared/contract/limits.ts." },
    schema: [],
    messages: {
      notFromLimits:
        "maxLength must be a limit of shared/contract/limits.ts (limits.…), not {{text}}: add the limit there if it is missing.",
    },
  },
  create(context) {
    return {
      JSXAttribute(attribute) {
        if (attribute.name.type !== "JSXIdentifier" || attribute.name.name !== "maxLength") return;
        const value = attribute.value;
        const expression = value?.type === "JSXExpressionContainer" ? value.expression : null;
        const fromLimits =
          expression?.type === "MemberExpression" &&
          expression.object.type === "Identifier" &&
          !expression.computed &&
          isLimitsImport(context, expression, expression.object.name);
        if (fromLimits) return;
        context.report({
          node: attribute,
          messageId: "notFromLimits",
          data: { text: value ? context.sourceCode.getText(value) : "maxLength alone" },
        });
      },
    };
  },
};
