// One lint config for the whole repository: typed typescript-eslint rules plus Pulumi's
// plugin, which catches `Output<T>` values used inside plain template literals.
import js from "@eslint/js";
import pulumi from "@pulumi/eslint-plugin";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "synth/", "coverage/", "**/*.js", "**/*.mjs"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      // One program for every file: the root tsconfig includes them all. (The project service
      // would build a second and third program for persistent/ and ephemeral/, whose own
      // tsconfig.json exists only for `pulumi up`, and double the lint time.)
      parserOptions: { project: "./tsconfig.json", tsconfigRootDir: import.meta.dirname },
    },
    plugins: { "@pulumi": pulumi },
    rules: {
      "@pulumi/no-output-in-template-literal": "error",
      "@pulumi/no-output-instance-in-template-literal": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      "@typescript-eslint/prefer-nullish-coalescing": "error",
      "@typescript-eslint/no-floating-promises": "error",
      "no-restricted-syntax": [
        "error",
        {
          selector: "ImportDeclaration[source.value=/\\/index$/]",
          message: "Import modules, not entry files: index.ts creates resources when imported.",
        },
      ],
    },
  },
  {
    files: ["tests/**/*.ts"],
    rules: {
      // Mock payloads are untyped by nature; the assertions are what type-check them.
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },
);
