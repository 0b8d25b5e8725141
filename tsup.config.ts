import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    testing: 'src/testing/index.ts',
    advanced: 'src/advanced/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  // One shared chunk, so that `pet-sla/testing` and `pet-sla` use the same calendar registry.
  splitting: true,
  treeshake: true,
});
