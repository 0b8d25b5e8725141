import { resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Every export of the public entries carries a doc comment with at least one @example, so the
// API reference (npm run docs) shows how to use each one.
const entries = ['src/index.ts', 'src/testing/index.ts', 'src/advanced/index.ts'].map((file) =>
  resolve(import.meta.dirname, '..', file),
);

function exportsWithoutExamples(): { missingDoc: string[]; missingExample: string[] } {
  const program = ts.createProgram(entries, {
    strict: true,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
  });
  const checker = program.getTypeChecker();
  const missingDoc: string[] = [];
  const missingExample: string[] = [];
  for (const entry of entries) {
    const source = program.getSourceFile(entry);
    if (source === undefined) throw new Error(`cannot read ${entry}`);
    const module = checker.getSymbolAtLocation(source);
    if (module === undefined) throw new Error(`${entry} is not a module`);
    for (const exported of checker.getExportsOfModule(module)) {
      const symbol =
        exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const name = `${entry.endsWith('testing/index.ts') ? 'pet-sla/testing' : entry.endsWith('advanced/index.ts') ? 'pet-sla/advanced' : 'pet-sla'}: ${exported.name}`;
      const docs = ts.displayPartsToString(symbol.getDocumentationComment(checker));
      const tags = symbol.getJsDocTags(checker);
      if (docs.trim() === '') missingDoc.push(name);
      if (!tags.some((tag) => tag.name === 'example')) missingExample.push(name);
    }
  }
  return { missingDoc, missingExample };
}

describe('API documentation', () => {
  const { missingDoc, missingExample } = exportsWithoutExamples();
  it('documents every export', () => {
    expect(missingDoc).toEqual([]);
  });
  it('gives every export an example', () => {
    expect(missingExample).toEqual([]);
  });
});
