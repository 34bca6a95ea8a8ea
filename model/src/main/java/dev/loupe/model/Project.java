package dev.loupe.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A container of traces; every stored row carries its project's id. */
public record Project(String id, String name, Instant createdAt) {
  public Project {
    requireNonNull(id, "id");
    requireNonNull(name, "name");
    requireNonNull(createdAt, "createdAt");
    if (!id.matches("[A-Za-z0-9_.-]{1,64}")) {
      throw new IllegalArgumentException(
          "project id must be 1-64 characters of [A-Za-z0-9_.-]: " + id);
    }
  }
}
