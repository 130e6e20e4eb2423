// The IR: what `normalize` makes of a validated spec. Deep-readonly; every default and every order is decided here.

import type { HttpVerb, Identity } from "@wix-authz/runtime/contract";

export type { HttpVerb, Identity };

/** The JSON Schema subset the spec allows (see spec/schema.json). `$ref` is always `#/schemas/<Name>`. */
export interface JsonSchema {
  readonly $ref?: string;
  readonly type?: JsonType | readonly JsonType[];
  readonly title?: string;
  readonly description?: string;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | JsonSchema;
  readonly items?: JsonSchema;
  readonly enum?: readonly (string | number | boolean | null)[];
  readonly const?: string | number | boolean | null;
  readonly oneOf?: readonly JsonSchema[];
  readonly anyOf?: readonly JsonSchema[];
  readonly allOf?: readonly JsonSchema[];
  readonly format?: string;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems?: boolean;
  readonly default?: unknown;
  readonly examples?: readonly unknown[];
  readonly deprecated?: boolean;
  readonly readOnly?: boolean;
  readonly writeOnly?: boolean;
  /** `x-` extensions: allowed and ignored. */
  readonly [keyword: string]: unknown;
}
export type JsonType = "string" | "number" | "integer" | "boolean" | "object" | "array" | "null";

/** The spec file a thing came from. */
export interface SourceRef {
  readonly file: string;
}

export interface Deprecation {
  readonly reason?: string;
  readonly replacedBy?: string;
}

export interface Provenance {
  readonly source: string;
  readonly fqn?: string;
  readonly rule?: string;
  readonly note?: string;
  /** The sentences that decided the identities. */
  readonly evidence?: readonly ProvenanceEvidence[];
  /** Set when no identity fact covers the method: why. */
  readonly unverified?: string;
  readonly override?: ProvenanceOverride;
}

export interface ProvenanceEvidence {
  readonly kind?: "docs" | "package" | "field";
  readonly url: string;
  readonly quote: string;
}

/** A deliberate departure from Wix's documented identities or permissions, with its reason. */
export interface ProvenanceOverride {
  readonly identities?: readonly Identity[];
  readonly permissions?: readonly string[];
  readonly reason: string;
}

export interface MethodModel {
  /** `stores.products.queryProducts` */
  readonly id: string;
  readonly name: string;
  /** `["stores", "products"]` */
  readonly namespace: readonly string[];
  readonly description: string;
  readonly http: {
    readonly method: HttpVerb;
    readonly path: string;
    /** `{param}` names in path order. */
    readonly pathParams: readonly string[];
  };
  /** Sorted in IDENTITIES order. */
  readonly identities: readonly Identity[];
  /** Sorted. */
  readonly permissions: readonly string[];
  readonly deprecated?: Deprecation;
  readonly provenance?: Provenance;
  readonly request: JsonSchema;
  readonly response: JsonSchema;
  /** TypeScript type names emitted for request and response, e.g. `StoresProductsQueryProductsRequest`. */
  readonly requestType: string;
  readonly responseType: string;
  readonly source: SourceRef;
}

export interface NamedSchema {
  readonly name: string;
  readonly schema: JsonSchema;
  readonly source: SourceRef;
}

export interface ApiModel {
  /** Sorted by id. */
  readonly methods: readonly MethodModel[];
  /** Sorted by name. */
  readonly schemas: readonly NamedSchema[];
  /** Spec files, relative to the spec root, sorted. */
  readonly sources: readonly string[];
}
