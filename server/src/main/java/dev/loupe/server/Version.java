package dev.loupe.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The build's version, from a resource the build fills in. */
final class Version {
  private static final String CURRENT = read();

  private Version() {}

  static String current() {
    return CURRENT;
  }

  private static String read() {
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      if (in == null) return "unknown";
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
