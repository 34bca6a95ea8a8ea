package dev.loupe.storage.clickhouse;

import dev.loupe.storage.StorageException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * Two independent round trips at once: {@code second} on a virtual thread while the caller runs
 * {@code first}. A read of a trace and its observations, or the write path's two lookups and two
 * inserts, then cost one round trip's wait instead of two.
 */
record Both<A, B>(A first, B second) {
  /** Runs both, {@code second} on a virtual thread; returns once both are done. */
  static void run(Runnable first, Runnable second) {
    of(
        () -> {
          first.run();
          return true;
        },
        () -> {
          second.run();
          return true;
        });
  }

  static <A, B> Both<A, B> of(Supplier<A> first, Supplier<B> second) {
    FutureTask<B> task = new FutureTask<>(second::get);
    Thread.ofVirtual().name("clickhouse-both").start(task);
    A a;
    try {
      a = first.get();
    } catch (RuntimeException e) {
      task.cancel(true);
      throw e;
    }
    try {
      return new Both<>(a, task.get());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw new StorageException("ClickHouse: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      task.cancel(true);
      throw new StorageException("ClickHouse: interrupted", e);
    }
  }
}
