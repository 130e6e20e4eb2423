/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** This request's clients, from its (renewed) session cookie: src/middleware.ts. */
    wix: import("wix-authz/runtime").RequestClients<
      import("../generated/visitor.js").VisitorClient,
      import("../generated/member.js").MemberClient
    >;
  }
}
