import type { CodegenConfig } from "@graphql-codegen/cli";

// Typed documents from the router's client-facing schema (the committed snapshot, see README).
const config: CodegenConfig = {
  schema: "schema.graphql",
  documents: ["src/**/*.{ts,tsx}", "!src/gql/**/*"],
  ignoreNoDocuments: true,
  generates: {
    "src/gql/": {
      preset: "client",
      presetConfig: {
        // Fragment masking keeps each component to the fields it asked for.
        fragmentMasking: { unmaskFunctionName: "getFragmentData" },
      },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: "string" },
        // Graphcache keys entities by __typename + id.
        nonOptionalTypename: true,
      },
    },
  },
  hooks: {},
};

export default config;
