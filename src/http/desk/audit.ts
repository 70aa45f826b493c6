import type { AuditOutcome } from "../../store/audit.ts";
import type { DeskDeps } from "./deps.ts";
import { type DeskContext, editorOf } from "./env.ts";

/**
 * The audit line of a desk action by the signed-in editor (the phone's commands write the
 * same ones, via "whatsapp").
 */
export function auditDesk(
  c: DeskContext,
  deps: Pick<DeskDeps, "audit" | "clock">,
  action: string,
  target: string | null,
  outcome: AuditOutcome,
  detail: string | null = null,
): void {
  deps.audit.record(
    { actor: editorOf(c).phone, via: "desk", action, target, outcome, detail },
    deps.clock.now(),
  );
}
