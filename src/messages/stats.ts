import type { BroadcastReceipt, SendingStats } from "../domain/broadcast.ts";
import { formatLocal } from "../lib/zoned-time.ts";
import type { Broadcast } from "../store/broadcasts.ts";
import { formatDuration } from "./replies.ts";

/** What the text needs besides the figures: the newsroom's zone and the time now. */
export interface StatsView {
  timeZone: string;
  now: Date;
  /** Whether a process is sending (the bot's heartbeat is fresh). */
  senderAlive: boolean;
}

const n = (x: number) => x.toLocaleString("fr-FR");

/** "12/200 envoyés (1 non envoyé) — fin vers 09:21 (~21 min)". */
export function progressText(
  p: { sent: number; total: number; failed: number; etaMs: number },
  view: Pick<StatsView, "timeZone" | "now">,
): string {
  const failed = p.failed > 0 ? ` (${n(p.failed)} non envoyé${p.failed > 1 ? "s" : ""})` : "";
  const done = p.sent + p.failed >= p.total;
  if (done) return `${n(p.sent)}/${n(p.total)} envoyés${failed} — terminé`;
  const end = new Date(view.now.getTime() + p.etaMs);
  return `${n(p.sent)}/${n(p.total)} envoyés${failed} — fin vers ${formatLocal(end, view.timeZone, view.now)} (${formatDuration(p.etaMs, "fr")})`;
}

/** The operator's `stats` lines for sending (French, plain text). */
export function sendingStatsLines(
  stats: SendingStats,
  scheduled: readonly Broadcast[],
  view: StatsView,
): string[] {
  const t = stats.today;
  const state = stats.paused
    ? "diffusions EN PAUSE, réponses actives (reprendre : npm run cli -- resume, ou /reprendre)"
    : !view.senderAlive
      ? "à l'arrêt : aucun processus n'envoie (démarrez le bot : npm start)"
      : stats.transportUp
        ? "actifs"
        : "en attente de WhatsApp (déconnecté, reprise automatique)";
  const lines = [
    `Envois : ${state}`,
    `Aujourd'hui : ${n(t.sent)} envoyés, ${n(t.queued)} en file, ${n(t.failed)} en nouvel essai, ${n(t.dead)} abandonnés`,
    `Lecteurs : ${n(stats.subscribers.optedIn)} abonnés (${n(stats.subscribers.instant)} alertes, ${n(stats.subscribers.daily)} résumé du jour), ${n(stats.subscribers.stopped)} désabonnés`,
  ];
  for (const b of stats.running) {
    lines.push(`Diffusion n°${b.broadcastId} « ${b.label} » : ${progressText(b, view)}`);
  }
  for (const b of scheduled) {
    const at = b.scheduledFor ? formatLocal(b.scheduledFor, view.timeZone, view.now) : "maintenant";
    lines.push(
      `Programmée n°${b.id} « ${b.label} » : ${at} (annuler : npm run cli -- cancel ${b.id})`,
    );
  }
  return lines;
}

/** What an editor is told after `broadcast` or `alert`. */
export function receiptLines(
  receipt: BroadcastReceipt,
  view: StatsView & { paused: boolean },
): string[] {
  const channel = receipt.channel ? "publication sur la chaîne + " : "";
  const who = `${channel}${n(receipt.recipients)} lecteur${receipt.recipients > 1 ? "s" : ""}`;
  const lines: string[] = [];
  if (receipt.startsAt) {
    lines.push(
      `Diffusion n°${receipt.broadcastId} programmée pour ${formatLocal(receipt.startsAt, view.timeZone, view.now)} : ${who} (nombre actuel).`,
    );
  } else {
    lines.push(`Diffusion n°${receipt.broadcastId} en file : ${who}.`);
  }
  const end = new Date(view.now.getTime() + receipt.etaMs);
  const sending = receipt.startsAt
    ? receipt.etaMs - Math.max(0, receipt.startsAt.getTime() - view.now.getTime())
    : receipt.etaMs;
  lines.push(
    `Fin estimée vers ${formatLocal(end, view.timeZone, view.now)} (envoi : ${formatDuration(sending, "fr")} au rythme actuel).`,
  );
  if (view.paused)
    lines.push("Attention : les envois sont EN PAUSE. Reprendre : npm run cli -- resume");
  else if (!view.senderAlive) {
    lines.push(
      "Attention : aucun processus n'envoie. Les messages partiront au démarrage du bot (npm start).",
    );
  }
  lines.push(`Annuler : npm run cli -- cancel ${receipt.broadcastId}`);
  return lines;
}
