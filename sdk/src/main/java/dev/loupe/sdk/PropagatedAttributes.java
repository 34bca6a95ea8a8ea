package dev.loupe.sdk;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;

/**
 * The trace attributes in force in one scope, kept in the OTel {@link Context}. Each observation
 * and each {@link Loupe#propagateAttributes} call opens a scope whose attributes are its parent's
 * plus its own; attributes added later to a scope reach observations started afterwards in it.
 */
final class PropagatedAttributes {
  private static final ContextKey<PropagatedAttributes> KEY =
      ContextKey.named("dev.loupe.sdk.propagated-attributes");

  private final PropagatedAttributes parent;
  private volatile TraceAttributes own;

  private PropagatedAttributes(PropagatedAttributes parent, TraceAttributes own) {
    this.parent = parent;
    this.own = own;
  }

  /** The attributes in force in {@code context} (empty outside any Loupe scope). */
  static TraceAttributes in(Context context) {
    PropagatedAttributes p = context.get(KEY);
    return p == null ? TraceAttributes.EMPTY : p.effective();
  }

  /** A new scope below {@code context}'s, starting with {@code own}. */
  static Context open(Context context, TraceAttributes own) {
    return context.with(KEY, new PropagatedAttributes(context.get(KEY), own.propagated()));
  }

  /** Adds {@code more} to the innermost scope of {@code context}; false if there is none. */
  static boolean add(Context context, TraceAttributes more) {
    PropagatedAttributes p = context.get(KEY);
    if (p == null) return false;
    synchronized (p) {
      p.own = p.own.merge(more.propagated());
    }
    return true;
  }

  private TraceAttributes effective() {
    return parent == null ? own : parent.effective().merge(own);
  }
}
