/**
 * handraiser/no-web-iterators: in a Firefox content script, the iterator that a web-platform
 * object's keys(), values() or entries() returns (URLSearchParams, Headers, FormData, NodeList,
 * DOMTokenList...) is seen through an Xray wrapper and is not iterable: spread and new Set()
 * throw, Array.from() silently gives []. Iterating the object itself (for...of, forEach) works.
 * So in src/content/ these three methods may not be called on a type the DOM library declares.
 */
import { ESLintUtils } from '@typescript-eslint/utils';

const METHODS = new Set(['keys', 'values', 'entries']);
/** lib.dom.d.ts, lib.dom.iterable.d.ts, lib.dom.asynciterable.d.ts (and @types/web if present). */
const DOM_LIB = /[\\/](lib\.dom(\.[a-z]+)?\.d\.ts|@types[\\/]web[\\/].*\.d\.ts)$/;

export default ESLintUtils.RuleCreator.withoutDocs({
  meta: {
    type: 'problem',
    messages: {
      webIterator:
        "{{type}}.{{method}}() returns an iterator that Firefox content scripts cannot iterate. Use forEach, iterate the {{type}} itself, or a helper such as paramNames() in src/content/sites/dom.ts.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const services = ESLintUtils.getParserServices(context);
    const checker = services.program.getTypeChecker();

    function domTypeName(type) {
      const parts = type.isUnion() || type.isIntersection() ? type.types : [type];
      for (const t of parts) {
        const symbol = t.getSymbol() ?? t.aliasSymbol;
        const decls = symbol?.getDeclarations() ?? [];
        if (decls.some((d) => DOM_LIB.test(d.getSourceFile().fileName))) return symbol.getName();
      }
      return null;
    }

    return {
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return;
        const method = callee.property.name;
        if (!METHODS.has(method)) return;
        const type = checker.getTypeAtLocation(services.esTreeNodeToTSNodeMap.get(callee.object));
        const name = domTypeName(checker.getApparentType(type));
        if (name) context.report({ node, messageId: 'webIterator', data: { type: name, method } });
      },
    };
  },
});
