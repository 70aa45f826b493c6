import type { Database } from "better-sqlite3";
import type { Config } from "../config.ts";
import { Dispatcher, type DispatcherDeps, type Sleep } from "../dispatcher/dispatcher.ts";
import { SendBudget } from "../dispatcher/send-budget.ts";
import { type SendingPolicy, sendingPolicy } from "../domain/sending-policy.ts";
import type { Clock } from "../lib/clock.ts";
import type { Random } from "../lib/random.ts";
import type { Logger } from "../log.ts";
import { Desk } from "../planner/desk.ts";
import { Planner } from "../planner/planner.ts";
import type { ApprovalsRepo } from "../store/approvals.ts";
import type { ArticlesRepo } from "../store/articles.ts";
import type { AuditRepo } from "../store/audit.ts";
import type { BroadcastsRepo } from "../store/broadcasts.ts";
import type { ConfirmationsRepo } from "../store/confirmations.ts";
import type { ConversationRepo } from "../store/conversation.ts";
import type { DailySendsRepo } from "../store/daily-sends.ts";
import type { OutboxRepo } from "../store/outbox.ts";
import type { ReceiptsRepo } from "../store/receipts.ts";
import type { SettingsRepo } from "../store/settings.ts";
import type { SubscribersRepo } from "../store/subscribers.ts";
import type { Transport } from "../transport/transport.ts";
import { Schedules, type SchedulesDeps } from "./jobs.ts";

/** The store parts delivery works on (a subset of App, so tests can build it alone). */
export interface DeliveryStore {
  db: Database;
  config: Config;
  clock: Clock;
  log: Logger;
  articles: ArticlesRepo;
  outbox: OutboxRepo;
  settings: SettingsRepo;
  broadcasts: BroadcastsRepo;
  subscribers: SubscribersRepo;
  confirmations: ConfirmationsRepo;
  conversation?: Pick<ConversationRepo, "remember"> | undefined;
  receipts?: ReceiptsRepo | undefined;
  dailySends?: DailySendsRepo | undefined;
  approvals?: ApprovalsRepo | undefined;
  audit?: AuditRepo | undefined;
}

/** Delivery without a transport: what the CLI and the bot's editor commands need. */
export interface DeliveryCore {
  policy: SendingPolicy;
  planner: Planner;
  desk: Desk;
}

/** Builds the planner and the desk (the EditorBackend) over the store. */
export function createDeliveryCore(store: DeliveryStore, policy?: SendingPolicy): DeliveryCore {
  const effective =
    policy ??
    sendingPolicy(
      store.config.sending,
      store.config.transport === "web" ? null : store.config.cloud,
    );
  const planner = new Planner({
    articles: store.articles,
    outbox: store.outbox,
    subscribers: store.subscribers,
    broadcasts: store.broadcasts,
    conversation: store.conversation,
    approvals: store.approvals,
    audit: store.audit,
    transaction: (fn) => store.db.transaction(fn)(),
    config: store.config,
    clock: store.clock,
    log: store.log,
  });
  const desk = new Desk({
    planner,
    subscribers: store.subscribers,
    outbox: store.outbox,
    broadcasts: store.broadcasts,
    settings: store.settings,
    confirmations: store.confirmations,
    clock: store.clock,
    log: store.log,
    policy: effective,
    timeZone: store.config.timeZone,
    receipts: store.receipts,
    budget: store.dailySends
      ? {
          limits: store.config.guard,
          totals: (day) => store.dailySends?.totals(day) ?? { messages: 0, cold: 0 },
        }
      : undefined,
  });
  return { policy: effective, planner, desk };
}

/** The sending loop over a transport (main.ts and the simulator). */
export function createDispatcher(
  store: DeliveryStore,
  core: DeliveryCore,
  transport: Transport,
  options: {
    random?: Random;
    sleep?: Sleep;
    onOutcome?: DispatcherDeps["onOutcome"];
  } = {},
): Dispatcher {
  core.desk.attachSender(() => transport.isUp());
  const dailySends = store.dailySends;
  const budget = dailySends
    ? new SendBudget({
        limits: store.config.guard,
        timeZone: store.config.timeZone,
        store: dailySends,
        lastSeenAt: (chatId) => store.subscribers.get(chatId)?.lastSeenAt ?? null,
      })
    : null;
  return new Dispatcher({
    budget,
    outbox: store.outbox,
    settings: store.settings,
    transport,
    readers: store.subscribers,
    clock: store.clock,
    log: store.log,
    policy: core.policy,
    ...options,
  });
}

/** The timed jobs (planning, digests, pruning, checkpoints). */
export function createSchedules(
  store: DeliveryStore,
  core: { planner: SchedulesDeps["planner"] },
  options: Pick<SchedulesDeps, "crons" | "retentionDays"> = {},
): Schedules {
  return new Schedules({
    db: store.db,
    planner: core.planner,
    outbox: store.outbox,
    receipts: store.receipts,
    dailySends: store.dailySends,
    clock: store.clock,
    log: store.log,
    timeZone: store.config.timeZone,
    ...options,
  });
}

/** What main.ts runs: the dispatcher and the timed jobs, and one way to stop both in order. */
export interface RunningDelivery {
  dispatcher: Dispatcher;
  schedules: Schedules;
  /** Jobs first (they only queue), then the dispatcher (finishes the send in flight). */
  stop(): Promise<void>;
}

/**
 * Starts sending over `transport` and the timed jobs. Wire the transport's `onStatus` to
 * `dispatcher.onTransportStatus`. Throws DispatcherBusyError when another live process already
 * sends from this database. Queued rows left `sending` by a crash are settled first.
 */
export function startDelivery(
  store: DeliveryStore,
  core: DeliveryCore,
  transport: Transport,
  options: Pick<SchedulesDeps, "crons" | "retentionDays"> = {},
): RunningDelivery {
  const dispatcher = createDispatcher(store, core, transport);
  const schedules = createSchedules(store, core, options);
  dispatcher.start();
  schedules.start();
  // Catch up at once rather than at the next minute: articles imported while the bot was down.
  void schedules.run("plan");
  return {
    dispatcher,
    schedules,
    async stop() {
      await schedules.stop();
      await dispatcher.stop();
    },
  };
}
