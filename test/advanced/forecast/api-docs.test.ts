import { resolve } from 'node:path';
import ts from 'typescript';
import { expect, it } from 'vitest';

// Every export of the forecast capability carries a doc comment with an @example, and none of
// them mentions the behaviour contract by name (shipped docs explain rules in their own words).
it('documents every forecast export with an example', () => {
  const entry = resolve(import.meta.dirname, '../../../src/advanced/forecast/index.ts');
  const program = ts.createProgram([entry], {
    strict: true,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  const module = source === undefined ? undefined : checker.getSymbolAtLocation(source);
  if (module === undefined) throw new Error(`cannot read ${entry}`);
  const problems: string[] = [];
  const exported = checker.getExportsOfModule(module);
  for (const symbol of exported) {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    const docs = ts.displayPartsToString(target.getDocumentationComment(checker));
    const tags = target.getJsDocTags(checker);
    if (docs.trim() === '') problems.push(`${symbol.name}: no doc comment`);
    if (!tags.some((tag) => tag.name === 'example')) problems.push(`${symbol.name}: no @example`);
    if (/\bSPEC\b/.test(docs)) problems.push(`${symbol.name}: mentions SPEC`);
  }
  expect(exported.length).toBeGreaterThan(15);
  expect(problems).toEqual([]);
});
