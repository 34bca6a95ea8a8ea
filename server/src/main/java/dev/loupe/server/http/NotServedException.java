package dev.loupe.server.http;

/**
 * A route this node does not serve, by configuration ({@code LOUPE_ROLES}): 404 saying which role
 * it lacks, so the client or the load balancer sends the request to a node that has it.
 */
public final class NotServedException extends RuntimeException {
  public NotServedException(String message) {
    super(message);
  }
}
