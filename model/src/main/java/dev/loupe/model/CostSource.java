package dev.loupe.model;

/** Where an observation's cost came from. */
public enum CostSource {
  /** No model call, or nothing to price (no usage, no cost). */
  NONE,
  /** The client sent the cost; it is kept as is. */
  PROVIDED,
  /** Price table × usage. */
  CALCULATED,
  /** A model with usage but no matching price: flagged, never a silent $0. */
  NO_PRICE
}
