// Identity matrix, proven by the compilers: every method × identity of the default spec; allowed compiles,
// disallowed fails with TS2684 naming the identities allowed; exact callable key sets; client assignability.
import { describe, expect, it } from "vitest";
import { loadApiModel, type ApiModel, type Identity } from "../../generator/index.js";
import { interfaceName } from "../../generator/emit/client-file.js";
import { COMPILERS, ROOT, typeCheck, typeProject, type CompilerName } from "./tsc.js";

interface Expectation {
  readonly line: number;
  readonly id: string;
  readonly identity: Identity;
  readonly allowed: boolean;
  readonly identities: readonly Identity[];
}

/** One call per line for every method × identity, plus key-set and assignability checks. */
export function matrixSource(
  model: ApiModel,
  generatedDir = "../../generated",
): { text: string; calls: Expectation[]; assignLines: Record<string, number> } {
  const lines = [
    `import type { VisitorClient } from "${generatedDir}/visitor.js";`,
    `import type { MemberClient } from "${generatedDir}/member.js";`,
    `import type { AdminClient } from "${generatedDir}/admin.js";`,
    `import type * as C from "${generatedDir}/clients.js";`,
    "declare const visitor: VisitorClient;",
    "declare const member: MemberClient;",
    "declare const admin: AdminClient;",
    "type Equal<X, Y> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? true : false;",
    "type Expect<T extends true> = T;",
    "type Callable<T> = { [K in keyof T]: ThisParameterType<T[K]> extends string ? never : T[K] extends (...a: never[]) => Promise<unknown> ? K : never }[keyof T];",
  ];
  const calls: Expectation[] = [];
  for (const m of model.methods) {
    for (const identity of ["visitor", "member", "admin"] as const) {
      lines.push(`void ${identity}.${[...m.namespace, m.name].join(".")}(null!);`);
      calls.push({
        line: lines.length,
        id: m.id,
        identity,
        allowed: m.identities.includes(identity),
        identities: m.identities,
      });
    }
  }
  const namespaces = new Map<string, string[]>();
  for (const m of model.methods) namespaces.set(m.namespace.join("."), m.namespace as string[]);
  let n = 0;
  for (const [ns, segments] of [...namespaces].sort()) {
    for (const identity of ["visitor", "member", "admin"] as const) {
      const callable = model.methods
        .filter((m) => m.namespace.join(".") === ns && m.identities.includes(identity))
        .map((m) => JSON.stringify(m.name));
      lines.push(
        `type _K${n++} = Expect<Equal<Callable<C.${interfaceName(identity, segments)}>, ${callable.join(" | ") || "never"}>>;`,
      );
    }
  }
  const assignLines: Record<string, number> = {};
  const assign = (name: string, code: string) => {
    lines.push(code);
    assignLines[name] = lines.length;
  };
  assign("member as visitor", "export const memberAsVisitor: VisitorClient = member;");
  assign("visitor as member", "export const visitorAsMember: MemberClient = visitor;");
  assign("admin as visitor", "export const adminAsVisitor: VisitorClient = admin;");
  return { text: lines.join("\n") + "\n", calls, assignLines };
}

describe.each(Object.keys(COMPILERS) as CompilerName[])("identity matrix (%s)", (compiler) => {
  it("allowed calls compile; disallowed calls fail with TS2684 naming who may call; key sets and assignability hold", async () => {
    const model = await loadApiModel("spec", ROOT);
    const { text, calls, assignLines } = matrixSource(model);
    const dir = await typeProject({ "matrix.ts": text });
    const diagnostics = (await typeCheck(dir, compiler)).filter((d) => d.file === "matrix.ts");
    const byLine = new Map(diagnostics.map((d) => [d.line, d]));
    expect(calls.length).toBe(model.methods.length * 3);
    for (const call of calls) {
      const d = byLine.get(call.line);
      if (call.allowed) expect(d, `${call.identity} → ${call.id} should compile`).toBeUndefined();
      else {
        expect(d?.code, `${call.identity} → ${call.id} should fail`).toBe("TS2684");
        expect(d?.message).toContain(`"${call.id} may only be called by: ${call.identities.join(", ")}`);
      }
    }
    expect(byLine.get(assignLines["member as visitor"]!)).toBeUndefined();
    expect(byLine.get(assignLines["visitor as member"]!)?.code).toBe("TS2322");
    expect(byLine.get(assignLines["admin as visitor"]!)?.code).toBe("TS2741"); // Property 'auth' is missing
    const expectedLines = new Set([
      ...calls.filter((c) => !c.allowed).map((c) => c.line),
      assignLines["visitor as member"],
      assignLines["admin as visitor"],
    ]);
    expect(diagnostics.filter((d) => !expectedLines.has(d.line))).toEqual([]);
  });
});
