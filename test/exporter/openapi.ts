// Test helpers: the few parts of an OpenAPI document the exporter's tests read.
export interface Operation {
  readonly operationId: string;
  readonly parameters?: readonly {
    readonly in: string;
    readonly name: string;
    readonly required: boolean;
    readonly [k: string]: unknown;
  }[];
  readonly requestBody?: {
    readonly content: { readonly "application/json": { readonly schema: Record<string, unknown> } };
  };
  readonly security: readonly Record<string, readonly string[]>[];
  readonly [extension: `x-${string}`]: unknown;
}

export interface OpenApi {
  readonly openapi: string;
  readonly paths: Readonly<Record<string, Readonly<Record<string, Operation>>>>;
  readonly components: {
    readonly schemas: Readonly<Record<string, unknown>>;
    readonly securitySchemes: Readonly<Record<string, unknown>>;
  };
}

export function operationsOf(document: OpenApi): { path: string; verb: string; operation: Operation }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([verb, operation]) => ({ path, verb, operation })),
  );
}
