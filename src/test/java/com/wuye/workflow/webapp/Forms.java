package com.wuye.workflow.webapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.stream.Stream;

/**
 * The Camunda Forms of {@code forms/}, and the ones a browser test has seen rendered in
 * Tasklist during this run, so that a form no browser test opens is noticed.
 */
final class Forms {

  static final Path FOLDER = Path.of("forms");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> RENDERED = new ConcurrentSkipListSet<>();
  private static Map<String, JsonNode> byId;

  private Forms() {
  }

  /** Every form of {@code forms/*.form} by its id. */
  static synchronized Map<String, JsonNode> all() {
    if (byId == null) {
      Map<String, JsonNode> forms = new TreeMap<>();
      try (Stream<Path> files = Files.list(FOLDER)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".form")).sorted().toList()) {
          JsonNode form = JSON.readTree(file.toFile());
          forms.put(form.path("id").asText(), form);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      byId = forms;
    }
    return byId;
  }

  static JsonNode get(String formId) {
    JsonNode form = all().get(formId);
    if (form == null) {
      throw new IllegalArgumentException("no form " + formId + " in " + FOLDER);
    }
    return form;
  }

  /**
   * The labels a form shows whatever the data: those of fields that are never hidden by a
   * condition (date-time fields are labelled by their date part).
   */
  static List<String> alwaysShownLabels(String formId) {
    List<String> labels = new ArrayList<>();
    for (JsonNode component : get(formId).path("components")) {
      if (component.has("conditional")) {
        continue;
      }
      if (component.hasNonNull("label")) {
        labels.add(component.path("label").asText());
      } else if (component.hasNonNull("dateLabel")) {
        labels.add(component.path("dateLabel").asText());
      }
    }
    return labels;
  }

  static void rendered(String formId) {
    RENDERED.add(formId);
  }

  static Set<String> rendered() {
    return Set.copyOf(RENDERED);
  }
}
