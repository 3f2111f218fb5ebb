package com.wuye.workflow.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Traditional Chinese locale of the webapps is complete against the Camunda release on the
 * classpath: every label of the webjar's {@code en.json} has a non-empty translation in the
 * project's {@code zh.json}. An upgrade of Camunda that adds labels fails here, naming them,
 * instead of showing staff English keys or blanks.
 */
class ChineseLocaleTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WEBJAR = "camunda-webapp-webjar";

  /** Plural suffixes ("batch" + "es"): Chinese has none, so these stay empty on purpose. */
  private static final Map<String, Set<String>> INTENTIONALLY_EMPTY = Map.of(
      "cockpit", Set.of("PLGN_BATCH_S", "PLGN_MIG_S", "PLGN_MOD_DIALOG_S",
          "PLGN_MOD_RESTART_DIALOG_S"));

  static String locale(String app, String language) {
    return "META-INF/resources/webjars/camunda/app/" + app + "/locales/" + language + ".json";
  }

  /** The webjar's own copy; the project's resources have the same folder without en.json. */
  static JsonNode webjarEnglish(String app) throws IOException {
    List<URL> found = Collections.list(
        ChineseLocaleTest.class.getClassLoader().getResources(locale(app, "en")));
    URL inWebjar = found.stream().filter(url -> url.toString().contains(WEBJAR)).findFirst()
        .orElseThrow(() -> new AssertionError(locale(app, "en") + " not found in the "
            + WEBJAR + " jar; found " + found));
    return read(inWebjar);
  }

  static JsonNode projectChinese(String app) throws IOException {
    List<URL> found = Collections.list(
        ChineseLocaleTest.class.getClassLoader().getResources(locale(app, "zh")));
    URL ours = found.stream().filter(url -> !url.toString().contains(WEBJAR)).findFirst()
        .orElseThrow(() -> new AssertionError(locale(app, "zh") + " is not in the project"));
    return read(ours);
  }

  /** From bytes: the webjar's files start with a UTF-8 byte-order mark, which Jackson skips. */
  static JsonNode read(URL url) throws IOException {
    try (InputStream in = url.openStream()) {
      return JSON.readTree(in);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  @DisplayName("zh.json translates every label of the webjar's en.json, none left empty, with date locales")
  void chineseLocaleIsComplete(String app) throws IOException {
    JsonNode english = webjarEnglish(app).path("labels");
    JsonNode chinese = projectChinese(app);
    JsonNode labels = chinese.path("labels");
    assertThat(english.size()).as("%s en.json labels", app).isPositive();

    Set<String> missing = new TreeSet<>();
    english.fieldNames().forEachRemaining(key -> {
      if (!labels.has(key)) {
        missing.add(key);
      }
    });
    List<String> empty = new ArrayList<>();
    Set<String> allowedEmpty = INTENTIONALLY_EMPTY.getOrDefault(app, Set.of());
    labels.fields().forEachRemaining(label -> {
      if (!label.getValue().isTextual()) {
        empty.add(label.getKey() + " (not text)");
      } else if (label.getValue().asText().isBlank() && !allowedEmpty.contains(label.getKey())) {
        empty.add(label.getKey());
      }
    });

    SoftAssertions.assertSoftly(softly -> {
      softly.assertThat(missing).as("labels of %s's en.json missing from its zh.json", app)
          .isEmpty();
      softly.assertThat(empty).as("empty labels in %s's zh.json", app).isEmpty();
      softly.assertThat(chinese.has("dateLocales")).as("%s's zh.json has dateLocales", app)
          .isTrue();
    });
  }
}
