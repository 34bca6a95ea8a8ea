package dev.loupe.server.ui;

import dev.loupe.model.Project;
import dev.loupe.server.InitProject;
import dev.loupe.server.LoupeServer;
import dev.loupe.server.ServerConfig;
import dev.loupe.server.auth.ApiKeys;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How the UI's HTTP tests start a real server: a free port on loopback, no OTLP listener, the
 * configured project with its keys, and more projects named B.
 */
public final class UiTestServer {
  private record Extra(String projectId, @Nullable String publicKey, @Nullable String secretKey) {}

  private ServerConfig config;
  private final List<Extra> extras = new ArrayList<>();

  private UiTestServer(ServerConfig config) {
    this.config = config;
  }

  /** An in-memory server with no project. */
  static UiTestServer memory() {
    return new UiTestServer(base(ServerConfig.StorageKind.MEMORY));
  }

  /** An in-memory server with the project and its keys. */
  public static UiTestServer memory(InitProject project) {
    return memory().with(project);
  }

  /** A server on the backend, keeping its files in {@code dataDir}, with the project and keys. */
  public static UiTestServer on(
      ServerConfig.StorageKind storage, Path dataDir, InitProject project) {
    return new UiTestServer(base(storage).withDataDir(dataDir)).with(project);
  }

  private static ServerConfig base(ServerConfig.StorageKind storage) {
    return ServerConfig.defaults()
        .withPort(0)
        .withOtlpPort(-1)
        .withBind("127.0.0.1")
        .withStorage(storage);
  }

  private UiTestServer with(InitProject project) {
    config = config.withInitProject(project);
    return this;
  }

  UiTestServer withAdminPassword(String password) {
    config = config.withAdminPassword(password);
    return this;
  }

  /** Adds a project named B with no keys. */
  UiTestServer withProject(String projectId) {
    extras.add(new Extra(projectId, null, null));
    return this;
  }

  /** Adds a project named B that the key pair signs in to. */
  public UiTestServer withProject(String projectId, String publicKey, String secretKey) {
    extras.add(new Extra(projectId, publicKey, secretKey));
    return this;
  }

  public LoupeServer start() {
    LoupeServer server = LoupeServer.start(config);
    Instant now = Instant.now();
    for (Extra e : extras) {
      server.storage().projectStore().saveProject(new Project(e.projectId(), "B", now));
      if (e.publicKey() != null && e.secretKey() != null) {
        server
            .storage()
            .projectStore()
            .saveKey(ApiKeys.basic(e.projectId(), e.publicKey(), e.secretKey(), now));
      }
    }
    return server;
  }

  /**
   * A client of this server, started before each test: register it with {@code @RegisterExtension}.
   */
  public UiClient client() {
    return UiClient.starting(this::start);
  }
}
