package dev.loupe.storage.tests;

import static dev.loupe.storage.tests.TestObjects.OTHER_PROJECT;
import static dev.loupe.storage.tests.TestObjects.PROJECT;
import static dev.loupe.storage.tests.TestObjects.TODAY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.ApiKey;
import dev.loupe.model.Project;
import dev.loupe.storage.ProjectStore;
import dev.loupe.storage.Storage;
import org.junit.jupiter.api.Test;

/** Projects by id and API keys by (kind, publicKey). */
public abstract class ITProjectStore<S extends Storage> extends ITStorage<S> {
  static final String HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

  private ProjectStore projects() {
    return storage.projectStore();
  }

  @Test
  protected void saveProject_thenProjectReturnsIt() {
    Project p = new Project(PROJECT, "Support agent", TODAY);
    projects().saveProject(p);

    assertThat(projects().project(PROJECT)).contains(p);
    assertThat(projects().project(OTHER_PROJECT)).isEmpty();
  }

  @Test
  protected void saveProject_replacesByIdAndListsById() {
    projects().saveProject(new Project(OTHER_PROJECT, "B", TODAY));
    projects().saveProject(new Project(PROJECT, "A", TODAY));
    Project renamed = new Project(PROJECT, "A renamed ✓", TODAY.plusSeconds(1));
    projects().saveProject(renamed);

    assertThat(projects().projects())
        .containsExactly(renamed, new Project(OTHER_PROJECT, "B", TODAY));
  }

  @Test
  protected void projects_isEmptyAtFirst() {
    assertThat(projects().projects()).isEmpty();
  }

  @Test
  protected void saveKey_thenKeyFindsItByKindAndPublicKey() {
    ApiKey basic = new ApiKey(PROJECT, "pk-lf-1234", HASH, ApiKey.Kind.BASIC, TODAY);
    projects().saveKey(basic);

    assertThat(projects().key(ApiKey.Kind.BASIC, "pk-lf-1234")).contains(basic);
    assertThat(projects().key(ApiKey.Kind.BEARER, "pk-lf-1234")).isEmpty();
    assertThat(projects().key(ApiKey.Kind.BASIC, "pk-lf-9999")).isEmpty();
  }

  @Test
  protected void saveKey_keepsKindsApartAndReplacesByKindAndPublicKey() {
    ApiKey basic = new ApiKey(PROJECT, "key-1", HASH, ApiKey.Kind.BASIC, TODAY);
    ApiKey bearer = new ApiKey(PROJECT, "key-1", "00".repeat(32), ApiKey.Kind.BEARER, TODAY);
    ApiKey rotated =
        new ApiKey(PROJECT, "key-1", "11".repeat(32), ApiKey.Kind.BASIC, TODAY.plusSeconds(60));
    projects().saveKey(basic);
    projects().saveKey(bearer);
    projects().saveKey(rotated);

    assertThat(projects().key(ApiKey.Kind.BASIC, "key-1")).contains(rotated);
    assertThat(projects().key(ApiKey.Kind.BEARER, "key-1")).contains(bearer);
    assertThat(projects().keys(PROJECT)).containsExactlyInAnyOrder(rotated, bearer);
  }
}
