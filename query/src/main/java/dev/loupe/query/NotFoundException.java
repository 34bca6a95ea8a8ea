package dev.loupe.query;

/** The requested item does not exist in the caller's project (or exists only in another one). */
public class NotFoundException extends RuntimeException {
  public NotFoundException(String what, String id) {
    super(what + " not found in this project: " + id);
  }
}
