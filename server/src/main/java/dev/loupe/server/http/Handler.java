package dev.loupe.server.http;

/** Handles one matched request; exceptions are answered by {@link ErrorMapping}. */
@FunctionalInterface
public interface Handler {
  void handle(Exchange exchange) throws Exception;
}
