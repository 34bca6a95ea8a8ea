package dev.loupe.query.json;

import dev.loupe.model.Project;

/**
 * Projects in the Langfuse public API shape: {@code {data: [{id, name, organization: {id, name},
 * metadata}]}}. Loupe has no organizations: one server is one organization, written as {@value
 * #ORGANIZATION_ID} / {@value #ORGANIZATION_NAME}, and projects carry no metadata ({@code {}}).
 */
public final class ProjectJson {
  /** The organization every project of a Loupe server belongs to. */
  public static final String ORGANIZATION_ID = "loupe";

  public static final String ORGANIZATION_NAME = "Loupe";

  private ProjectJson() {}

  /** {@code GET /api/public/projects} for a key of one project. */
  public static byte[] list(Project project) {
    return JsonOut.bytes(
        g -> {
          g.writeStartObject();
          g.writeArrayFieldStart("data");
          g.writeStartObject();
          g.writeStringField("id", project.id());
          g.writeStringField("name", project.name());
          g.writeObjectFieldStart("organization");
          g.writeStringField("id", ORGANIZATION_ID);
          g.writeStringField("name", ORGANIZATION_NAME);
          g.writeEndObject();
          g.writeObjectFieldStart("metadata");
          g.writeEndObject();
          g.writeEndObject();
          g.writeEndArray();
          g.writeEndObject();
        });
  }
}
