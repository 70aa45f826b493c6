import { AppError } from "../domain/errors.ts";
/**
 * Middleware composition in the spirit of grammY's Composer: a handler is `(ctx, next)`,
 * commands are just filters over the context, and an error boundary catches what a branch
 * throws so one failing command never brings the bot down.
 */

export type NextFunction = () => Promise<void>;
export type MiddlewareFn<C> = (ctx: C, next: NextFunction) => unknown;
export type Middleware<C> = MiddlewareFn<C> | Composer<C>;

/** An error thrown by a middleware, with the context it happened in. */
export class BotError<C> extends AppError {
  constructor(
    readonly error: unknown,
    readonly ctx: C,
  ) {
    super("BOT_HANDLER_FAILED", error instanceof Error ? error.message : String(error), {
      cause: error,
    });
  }
}

const pass = <C>(_ctx: C, next: NextFunction) => next();

function flatten<C>(mw: Middleware<C>): MiddlewareFn<C> {
  return mw instanceof Composer ? mw.middleware() : mw;
}

function concat<C>(first: MiddlewareFn<C>, andThen: MiddlewareFn<C>): MiddlewareFn<C> {
  return async (ctx, next) => {
    let called = false;
    await first(ctx, async () => {
      if (called) throw new Error("next() called twice in the same middleware");
      called = true;
      await andThen(ctx, next);
    });
  };
}

/** A tree of middleware; `use`, `filter`, `branch` and `errorBoundary` grow it. */
export class Composer<C> {
  #handler: MiddlewareFn<C>;

  constructor(...middleware: Middleware<C>[]) {
    this.#handler =
      middleware.length === 0 ? pass : middleware.map(flatten).reduce((a, b) => concat(a, b));
  }

  /** The whole tree as one middleware function. */
  middleware(): MiddlewareFn<C> {
    return this.#handler;
  }

  /** Adds middleware that runs for every context; returns its composer to chain onto. */
  use(...middleware: Middleware<C>[]): Composer<C> {
    const composer = new Composer(...middleware);
    this.#handler = concat(this.#handler, flatten(composer));
    return composer;
  }

  /** Runs the middleware only when the predicate holds; otherwise goes on down the tree. */
  filter(
    predicate: (ctx: C) => boolean | Promise<boolean>,
    ...middleware: Middleware<C>[]
  ): Composer<C> {
    const composer = new Composer(...middleware);
    this.branch(predicate, composer, pass);
    return composer;
  }

  /** Either branch, decided per context. */
  branch(
    predicate: (ctx: C) => boolean | Promise<boolean>,
    trueMiddleware: Middleware<C>,
    falseMiddleware: Middleware<C>,
  ): Composer<C> {
    const yes = flatten(trueMiddleware);
    const no = flatten(falseMiddleware);
    return this.use(async (ctx, next) => ((await predicate(ctx)) ? yes : no)(ctx, next));
  }

  /**
   * Errors thrown inside `middleware` go to `handler` instead of up the tree. The handler may
   * call `next` to let the rest of the tree run.
   */
  errorBoundary(
    handler: (error: BotError<C>, next: NextFunction) => unknown,
    ...middleware: Middleware<C>[]
  ): Composer<C> {
    const composer = new Composer(...middleware);
    const inner = flatten(composer);
    this.use(async (ctx, next) => {
      let nextCalled = false;
      const cont = async () => {
        nextCalled = true;
      };
      try {
        await inner(ctx, cont);
      } catch (error) {
        nextCalled = false;
        await handler(new BotError(error, ctx), cont);
      }
      if (nextCalled) await next();
    });
    return composer;
  }
}

/** Runs a middleware tree on one context. */
export async function run<C>(middleware: Middleware<C>, ctx: C): Promise<void> {
  await flatten(middleware)(ctx, async () => {});
}
