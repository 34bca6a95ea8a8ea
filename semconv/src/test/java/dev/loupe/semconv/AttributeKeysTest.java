package dev.loupe.semconv;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttributeKeysTest {
  @Test
  void langfuseKeys_areInTheLangfuseNamespaceExceptMetadataKeysAndScope() throws Exception {
    for (Field f : constants(LangfuseAttributes.class)) {
      String value = (String) f.get(null);
      if (f.getName().startsWith("METADATA_KEY_") || f.getName().equals("SCOPE_NAME")) continue;
      assertThat(value).as(f.getName()).startsWith("langfuse.");
    }
  }

  @Test
  void genAiKeys_areInTheGenAiNamespaceExceptOperationValues() throws Exception {
    for (Field f : constants(GenAiAttributes.class)) {
      if (f.getName().startsWith("OPERATION_") && !f.getName().equals("OPERATION_NAME")) continue;
      assertThat((String) f.get(null)).as(f.getName()).startsWith("gen_ai.");
    }
  }

  @Test
  void prefixes_endWithADot() throws Exception {
    for (Class<?> c :
        List.of(
            LangfuseAttributes.class,
            GenAiAttributes.class,
            VercelAiAttributes.class,
            OpenInferenceAttributes.class)) {
      for (Field f : constants(c)) {
        if (f.getName().endsWith("_PREFIX"))
          assertThat((String) f.get(null)).as(f.getName()).endsWith(".");
      }
    }
  }

  @Test
  void observationTypeValues_allListsEveryConstantOnceInLowercase() throws Exception {
    List<String> declared = new ArrayList<>();
    for (Field f : constants(ObservationTypeValues.class)) {
      if (f.getType() == String.class) declared.add((String) f.get(null));
    }
    assertThat(ObservationTypeValues.ALL)
        .containsExactlyElementsOf(declared)
        .doesNotHaveDuplicates();
    assertThat(declared).allSatisfy(v -> assertThat(v).isLowerCase());
  }

  @Test
  void lemmaThreadKeys_areTheTraceMetadataFormsOfTheMetadataKeys() {
    assertThat(LemmaAttributes.TRACE_METADATA_THREAD_ID)
        .isEqualTo(
            LangfuseAttributes.TRACE_METADATA_PREFIX + LemmaAttributes.METADATA_KEY_THREAD_ID);
    assertThat(LemmaAttributes.TRACE_METADATA_THREAD_ID_UNDERSCORE)
        .isEqualTo(
            LangfuseAttributes.TRACE_METADATA_PREFIX
                + LemmaAttributes.METADATA_KEY_THREAD_ID_UNDERSCORE);
  }

  private static List<Field> constants(Class<?> c) {
    List<Field> out = new ArrayList<>();
    for (Field f : c.getDeclaredFields()) {
      int m = f.getModifiers();
      if (Modifier.isPublic(m)
          && Modifier.isStatic(m)
          && Modifier.isFinal(m)
          && f.getType() == String.class) {
        out.add(f);
      }
    }
    assertThat(out).as(c.getSimpleName() + " constants").isNotEmpty();
    return out;
  }
}
