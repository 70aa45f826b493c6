import fs from "node:fs";
import path from "node:path";
import type { App } from "./services.ts";

/** A sender's heartbeat older than this: the bot is not running (it beats every 5 s). */
export const SENDER_STALE_MS = 60_000;
/** Less free space than this on the database's disk is a failure (SQLite stops writing). */
export const DISK_LOW_BYTES = 200 * 1024 * 1024;

export type HealthStatus = "ok" | "warn" | "fail";

export interface HealthCheck {
  name: string;
  status: HealthStatus;
  detail: string;
}

/** What `cli health` reports: for cron, containers and the operator. */
export interface HealthReport {
  /** `fail` when WhatsApp is down, the bot is not running or the disk is (nearly) full. */
  status: HealthStatus;
  whatsapp: { running: boolean; connected: boolean; pid: number | null; beatAgeMs: number | null };
  lastSentAt: string | null;
  outbox: { queued: number; retrying: number; deadLast24h: number };
  feeds: { total: number; failing: number; disabled: number };
  disk: { freeBytes: number | null };
  checks: HealthCheck[];
}

function freeBytes(file: string): number | null {
  if (file === ":memory:") return null;
  try {
    const stats = fs.statfsSync(path.dirname(path.resolve(file)));
    return stats.bavail * stats.bsize;
  } catch {
    return null;
  }
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024).toLocaleString("fr-FR")} Mo`;

/**
 * The bot's health as the running process left it in the database (its heartbeat says whether
 * WhatsApp is connected), plus the queue, the feeds and the disk. Reads only.
 */
export function checkHealth(app: App, options: { diskFree?: number | null } = {}): HealthReport {
  const now = app.clock.now();
  const beat = app.settings.heartbeat();
  const beatAgeMs = beat ? now.getTime() - beat.at.getTime() : null;
  const running = beatAgeMs !== null && beatAgeMs < SENDER_STALE_MS;
  const connected = running && beat?.transportUp === true;
  const counts = app.outbox.healthCounts(new Date(now.getTime() - 86_400_000));
  const feeds = app.feeds.list();
  const disabled = feeds.filter((f) => f.disabledAt !== null).length;
  const failing = feeds.filter((f) => f.disabledAt === null && f.consecutiveFailures > 0).length;
  const disk =
    options.diskFree !== undefined ? options.diskFree : freeBytes(app.config.databasePath);

  const checks: HealthCheck[] = [];
  checks.push(
    !running
      ? {
          name: "WhatsApp",
          status: "fail",
          detail: beat
            ? `le bot ne tourne pas (dernier signe il y a ${Math.round((beatAgeMs ?? 0) / 1000)} s) : lancez npm start`
            : "le bot ne tourne pas : lancez npm start",
        }
      : connected
        ? { name: "WhatsApp", status: "ok", detail: `connecté (pid ${beat?.pid})` }
        : {
            name: "WhatsApp",
            status: "fail",
            detail: `déconnecté (pid ${beat?.pid}) : voyez les journaux du bot (QR à scanner, réseau, session)`,
          },
  );
  checks.push({
    name: "File d'envoi",
    status: counts.dead > 0 || counts.retrying > 0 ? "warn" : "ok",
    detail: `${counts.queued} en attente, ${counts.retrying} en nouvel essai, ${counts.dead} abandonné(s) en 24 h`,
  });
  checks.push({
    name: "Flux",
    status: disabled > 0 || failing > 0 ? "warn" : "ok",
    detail:
      feeds.length === 0
        ? "aucun flux"
        : `${feeds.length} flux, ${failing} en échec, ${disabled} désactivé(s) (npm run cli -- feeds list)`,
  });
  checks.push(
    disk === null
      ? { name: "Disque", status: "ok", detail: "espace libre inconnu" }
      : {
          name: "Disque",
          status: disk < DISK_LOW_BYTES ? "fail" : "ok",
          detail:
            disk < DISK_LOW_BYTES
              ? `${mb(disk)} libres : libérez de la place près de la base (DATABASE_PATH)`
              : `${mb(disk)} libres`,
        },
  );
  const status: HealthStatus = checks.some((c) => c.status === "fail")
    ? "fail"
    : checks.some((c) => c.status === "warn")
      ? "warn"
      : "ok";
  return {
    status,
    whatsapp: { running, connected, pid: beat?.pid ?? null, beatAgeMs },
    lastSentAt: counts.lastSentAt?.toISOString() ?? null,
    outbox: { queued: counts.queued, retrying: counts.retrying, deadLast24h: counts.dead },
    feeds: { total: feeds.length, failing, disabled },
    disk: { freeBytes: disk },
    checks,
  };
}

/** The report as lines for a terminal. */
export function formatHealth(report: HealthReport, formatWhen: (iso: string) => string): string {
  const mark = { ok: "✓", warn: "!", fail: "✗" } as const;
  const lines = report.checks.map((c) => `${mark[c.status]} ${c.name} : ${c.detail}`);
  lines.push(
    `  Dernier envoi : ${report.lastSentAt ? formatWhen(report.lastSentAt) : "aucun pour l'instant"}`,
  );
  return lines.join("\n");
}
