package dev.loupe.examples.plain;

import java.util.List;
import java.util.Map;

/**
 * Stands in for an LLM provider so the example needs no network besides Loupe: {@link #complete}
 * answers like the seed's {@code callModel}, {@link #completeFailing} fails like a provider that
 * answers 429.
 */
final class FakeModel {
  /** A model answer and the tokens it used. */
  record Completion(String text, int inputTokens, int outputTokens) {}

  /** What the fake upstream throws; the SDK records its message as the status message. */
  static final class UpstreamException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UpstreamException(String message) {
      super(message);
    }
  }

  static final String REPLY =
      "Hi Ada, your order A-1001 shipped yesterday via UPS and should arrive on Friday.";

  Completion complete(List<Map<String, String>> messages) {
    if (messages.isEmpty()) throw new IllegalArgumentException("messages is empty");
    pause(40);
    return new Completion(REPLY, 42, 17);
  }

  Completion completeFailing(List<Map<String, String>> messages) {
    pause(15);
    throw new UpstreamException("Rate limit exceeded: fake upstream returned 429");
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
