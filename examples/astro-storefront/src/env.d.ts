/// <reference types="astro/client" />
import type { RequestClients } from "@wix-authz/runtime";
import type { MemberClient } from "../generated/member.js";
import type { VisitorClient } from "../generated/visitor.js";

declare global {
  namespace App {
    interface Locals {
      /** This request's clients, from its (renewed) session cookie: src/middleware.ts. */
      wix: RequestClients<VisitorClient, MemberClient>;
    }
  }
}
