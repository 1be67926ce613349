#!/usr/bin/env node
// The public API report of each published package: every name its entry point exports, with its
// declaration (signatures, members, types; bodies and comments left out), one file per package under
// <package>/api/. `pnpm api:update` writes them; test/api-report.test.ts fails when a file is out of
// date, so a change to a public surface is always a reviewed diff. Read from the TypeScript sources
// (no build needed), with the compiler the repo already pins.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** The published packages and their public entry points (never the `./internal` ones). */
export const PUBLISHED = [
  { dir: 'packages/core', name: '@ccs/core' },
  { dir: 'packages/provider-kit', name: '@ccs/provider-kit' },
  { dir: 'packages/provider-codex', name: '@ccs/provider-codex' },
  { dir: 'packages/provider-openai-compatible', name: '@ccs/provider-openai-compatible' },
  { dir: 'apps/proxy', name: '@ccs/proxy' },
  { dir: 'apps/cli', name: '@ccs/cli' },
];

export const reportPath = (pkg) => join(repoRoot, pkg.dir, 'api', `${pkg.name.split('/')[1]}.api.md`);

const FLAGS = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope;
const printer = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed });

function isPrivate(member) {
  const mods = ts.canHaveModifiers(member) ? (ts.getModifiers(member) ?? []) : [];
  return (
    mods.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword) ||
    (member.name && ts.isPrivateIdentifier(member.name))
  );
}

/** The declaration without bodies, initializers and private members. */
function stripped(node, checker) {
  const f = ts.factory;
  const result = ts.transform(node, [
    (context) => {
      const visit = (n) => {
        if (ts.isClassDeclaration(n)) {
          const members = n.members.filter((m) => !isPrivate(m) && !ts.isClassStaticBlockDeclaration(m));
          return f.updateClassDeclaration(
            n,
            n.modifiers,
            n.name,
            n.typeParameters,
            n.heritageClauses,
            members.map((m) => ts.visitNode(m, visit)),
          );
        }
        if (ts.isMethodDeclaration(n))
          return f.updateMethodDeclaration(
            n,
            n.modifiers,
            n.asteriskToken,
            n.name,
            n.questionToken,
            n.typeParameters,
            n.parameters,
            n.type ?? returnTypeNode(n, checker),
            undefined,
          );
        if (ts.isConstructorDeclaration(n))
          return f.updateConstructorDeclaration(n, n.modifiers, n.parameters, undefined);
        if (ts.isGetAccessorDeclaration(n))
          return f.updateGetAccessorDeclaration(
            n,
            n.modifiers,
            n.name,
            n.parameters,
            n.type ?? returnTypeNode(n, checker),
            undefined,
          );
        if (ts.isSetAccessorDeclaration(n))
          return f.updateSetAccessorDeclaration(n, n.modifiers, n.name, n.parameters, undefined);
        if (ts.isPropertyDeclaration(n))
          return f.updatePropertyDeclaration(
            n,
            n.modifiers,
            n.name,
            n.questionToken ?? n.exclamationToken,
            n.type ?? typeNodeOf(n, checker),
            undefined,
          );
        return ts.visitEachChild(n, visit, context);
      };
      return (root) => ts.visitNode(root, visit);
    },
  ]);
  const out = result.transformed[0];
  const text = printer.printNode(ts.EmitHint.Unspecified, out, node.getSourceFile());
  result.dispose();
  return text;
}

function typeNodeOf(node, checker) {
  return checker.typeToTypeNode(checker.getTypeAtLocation(node), undefined, ts.NodeBuilderFlags.NoTruncation);
}
function returnTypeNode(node, checker) {
  const signature = checker.getSignatureFromDeclaration(node);
  return signature
    ? checker.typeToTypeNode(
        checker.getReturnTypeOfSignature(signature),
        undefined,
        ts.NodeBuilderFlags.NoTruncation,
      )
    : undefined;
}

function describe(exportName, symbol, checker) {
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  const declarations = target.declarations ?? [];
  const typeOnly = !(target.flags & ts.SymbolFlags.Value);
  const lines = [];
  const from = declarations[0]?.getSourceFile().fileName ?? '';
  if (from.includes('/node_modules/')) {
    const module = from.replace(/.*\/node_modules\/((?:@[^/]+\/)?[^/]+)\/.*/, '$1');
    return `export ${typeOnly ? 'type ' : ''}{ ${target.name === exportName ? exportName : `${target.name} as ${exportName}`} } from '${module}';`;
  }
  const renamed = target.name !== exportName && target.name !== 'default' ? ` // = ${target.name}` : '';
  for (const d of declarations) {
    if (ts.isFunctionDeclaration(d)) {
      if (d.body === undefined && declarations.some((o) => o !== d && ts.isFunctionDeclaration(o) && o.body))
        continue;
      const sig = checker.getSignatureFromDeclaration(d);
      lines.push(`function ${exportName}${checker.signatureToString(sig, undefined, FLAGS)};`);
    } else if (ts.isVariableDeclaration(d)) {
      const keyword = d.parent.flags & ts.NodeFlags.Const ? 'const' : 'let';
      lines.push(
        `${keyword} ${exportName}: ${checker.typeToString(checker.getTypeAtLocation(d), undefined, FLAGS)};`,
      );
    } else if (ts.isExportAssignment(d)) {
      lines.push(
        `default: ${checker.typeToString(checker.getTypeAtLocation(d.expression), undefined, FLAGS)};`,
      );
    } else if (
      ts.isInterfaceDeclaration(d) ||
      ts.isTypeAliasDeclaration(d) ||
      ts.isClassDeclaration(d) ||
      ts.isEnumDeclaration(d)
    ) {
      lines.push(stripped(d, checker).replace(/^export (default )?(declare )?/, ''));
    } else {
      lines.push(`${ts.SyntaxKind[d.kind]} ${exportName}`);
    }
  }
  return `${lines.join('\n')}${renamed}`;
}

let shared;
/** One program over every public entry: the packages share most of their types, so one check is enough. */
function program() {
  shared ??= ts.createProgram(
    PUBLISHED.map((p) => join(repoRoot, p.dir, 'src/index.ts')),
    {
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      target: ts.ScriptTarget.ES2022,
      customConditions: ['source'],
      strict: true,
      skipLibCheck: true,
      noEmit: true,
      types: ['node'],
    },
  );
  return shared;
}

/** The report text of one package. */
export function apiReport(pkg) {
  const entry = join(repoRoot, pkg.dir, 'src/index.ts');
  const program_ = program();
  const checker = program_.getTypeChecker();
  const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(program_.getSourceFile(entry)));
  const sections = exports
    .map((symbol) => ({ name: symbol.name, text: describe(symbol.name, symbol, checker) }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return [
    `# API report: ${pkg.name}`,
    '',
    `<!-- Generated by \`pnpm api:update\` (scripts/api-report.mjs) from ${relative(repoRoot, entry)}. Do not edit. -->`,
    '',
    `The public surface of \`${pkg.name}\`: ${sections.length} exported names. A change here is a change`,
    'for every user of the package: it needs a changeset. `./internal` entries are not part of it.',
    '',
    '```ts',
    ...sections.map((s) => `// ${s.name}\n${s.text}\n`),
    '```',
    '',
  ].join('\n');
}

function main() {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const pkg of PUBLISHED) {
    const file = reportPath(pkg);
    const text = apiReport(pkg);
    let current;
    try {
      current = readFileSync(file, 'utf8');
    } catch {}
    if (current === text) continue;
    if (check) {
      stale++;
      console.error(`${relative(repoRoot, file)} is out of date: the public API of ${pkg.name} changed.`);
    } else {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
      console.log(`wrote ${relative(repoRoot, file)}`);
    }
  }
  if (stale) {
    console.error(
      'Run `pnpm api:update`, review the diff, and add a changeset (`pnpm changeset`) for the packages.',
    );
    process.exitCode = 1;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
