package dev.loupe.storage.clickhouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The migrations shipped in this module's resources ({@code dev/loupe/storage/clickhouse/schema/}),
 * found by listing the directory (a classes directory or the jar), so that a new step is one new
 * file and no index has to be edited.
 */
final class SchemaResources {
  static final String DIR = "dev/loupe/storage/clickhouse/schema/";
  private static final Pattern NAME = Pattern.compile("(\\d{3})-([a-z0-9][a-z0-9-]*)\\.sql");

  private SchemaResources() {}

  /** The migrations by version; two files of one version are refused. */
  static List<Migration> all() {
    List<Migration> out = new ArrayList<>();
    for (String file : fileNames()) {
      Matcher m = NAME.matcher(file);
      if (!m.matches()) continue;
      out.add(new Migration(Integer.parseInt(m.group(1)), m.group(2), read(file)));
    }
    out.sort(Comparator.comparingInt(Migration::version));
    for (int i = 1; i < out.size(); i++) {
      if (out.get(i).version() == out.get(i - 1).version()) {
        throw new IllegalStateException(
            "schema: two migrations of version " + out.get(i).version() + ": " + out);
      }
    }
    return out;
  }

  private static List<String> fileNames() {
    URL url = SchemaResources.class.getClassLoader().getResource(DIR);
    if (url == null) throw new IllegalStateException("schema: no resource directory " + DIR);
    try {
      return switch (url.getProtocol()) {
        case "file" -> {
          try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            yield files.map(p -> p.getFileName().toString()).toList();
          }
        }
        case "jar" -> {
          JarURLConnection jar = (JarURLConnection) url.openConnection();
          jar.setUseCaches(false);
          try (JarFile file = jar.getJarFile()) {
            String prefix = jar.getEntryName().endsWith("/") ? jar.getEntryName() : DIR;
            yield file.stream()
                .map(e -> e.getName())
                .filter(n -> n.startsWith(prefix) && n.length() > prefix.length())
                .map(n -> n.substring(prefix.length()))
                .filter(n -> !n.contains("/"))
                .toList();
          }
        }
        default -> throw new IllegalStateException("schema: cannot list " + url);
      };
    } catch (IOException e) {
      throw new UncheckedIOException("schema: listing " + url, e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("schema: listing " + url, e);
    }
  }

  private static String read(String file) {
    try (InputStream in = SchemaResources.class.getClassLoader().getResourceAsStream(DIR + file)) {
      if (in == null) throw new IllegalStateException("schema: cannot read " + DIR + file);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("schema: reading " + DIR + file, e);
    }
  }
}
