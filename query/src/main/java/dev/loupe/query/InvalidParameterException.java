package dev.loupe.query;

/**
 * A request parameter with a value that cannot be used; the message names the parameter and the
 * reason.
 */
public class InvalidParameterException extends IllegalArgumentException {
  private final String parameter;

  public InvalidParameterException(String parameter, String reason) {
    super(parameter + ": " + reason);
    this.parameter = parameter;
  }

  /** The offending parameter's name, as the client sent it. */
  public String parameter() {
    return parameter;
  }
}
