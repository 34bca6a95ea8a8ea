package dev.loupe.storage.tests;

/**
 * JSON text for test data, written with the model's own mapper so it is exactly what ingest stores.
 */
final class Json {
  private Json() {}

  static String string(String s) {
    return dev.loupe.model.Json.quote(s);
  }
}
