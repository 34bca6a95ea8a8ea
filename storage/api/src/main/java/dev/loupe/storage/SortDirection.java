package dev.loupe.storage;

public enum SortDirection {
  ASC,
  DESC
}
