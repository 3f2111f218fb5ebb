package com.wuye.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Documentation;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every clause of requirements.md is traced: an element of a diagram carries its id in the
 * extension property {@code clause} (Modeler shows it, Tasklist does not), and a test names it
 * at the start of a phrase of its {@code @DisplayName}. The documentation — what staff read as a
 * task's description — carries no clause id.
 */
class ClauseTraceTest {

  /** The clause ids of requirements.md, in its order. */
  static final List<String> CLAUSES = List.of(
      "UD-2", "UD-3", "UD-4.1", "UD-4.2", "UD-4.3", "UD-4.4", "UD-4.4.1.1", "UD-4.4.1.2",
      "UD-4.4.1.3", "UD-4.4.2.4", "UD-4.4.1.4", "UD-4.4.2.5", "UD-4.4.2.1", "UD-4.4.2.2",
      "UD-4.4.2.3", "UD-4.4.3",
      "EM-1", "EM-2", "EM-3", "EM-4",
      "CP-1", "CP-2", "CP-3", "CP-4", "CP-5", "CP-6.1", "CP-6.2", "CP-6.3", "CP-7.1", "CP-7.2",
      "CP-7.3", "CP-7.4", "CP-7.5", "CP-7.6", "CP-7.7", "CP-7.8", "CP-8.1", "CP-8.2", "CP-8.3",
      "CP-9", "CP-10.1", "CP-10.2", "CP-10.3", "CP-11", "CP-12", "CP-13", "CP-14", "CP-15",
      "CP-16");

  static final Pattern CLAUSE_ID = Pattern.compile("\\b(?:UD|EM|CP)-\\d+(?:\\.\\d+)*");
  static final Pattern DISPLAY_NAME = Pattern.compile("@DisplayName\\(\"((?:[^\"\\\\]|\\\\.)*)\"\\)");

  static List<BpmnModelInstance> diagrams() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("processes"))) {
      return files.filter(p -> p.toString().endsWith(".bpmn")).sorted()
          .map(p -> Bpmn.readModelFromFile(p.toFile())).toList();
    }
  }

  /** Element id → the clause ids its {@code clause} property names. */
  static Map<String, List<String>> clausesOfElements() throws IOException {
    Map<String, List<String>> byElement = new LinkedHashMap<>();
    for (BpmnModelInstance diagram : diagrams()) {
      for (CamundaProperty property : diagram.getModelElementsByType(CamundaProperty.class)) {
        if (!"clause".equals(property.getCamundaName())) {
          continue;
        }
        BaseElement element = (BaseElement) property.getParentElement().getParentElement()
            .getParentElement();
        List<String> ids = new ArrayList<>();
        Matcher m = CLAUSE_ID.matcher(property.getCamundaValue());
        while (m.find()) {
          ids.add(m.group());
        }
        byElement.computeIfAbsent(element.getId(), k -> new ArrayList<>()).addAll(ids);
      }
    }
    return byElement;
  }

  static List<String> displayNames() throws IOException {
    List<String> names = new ArrayList<>();
    try (Stream<Path> sources = Files.walk(Path.of("src/test/java"))) {
      for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher m = DISPLAY_NAME.matcher(Files.readString(source));
        while (m.find()) {
          names.add(m.group(1));
        }
      }
    }
    return names;
  }

  static boolean names(String text, String clause) {
    return Pattern.compile("(?<![\\w.-])" + Pattern.quote(clause) + "(?![\\d.]\\d)").matcher(text)
        .find();
  }

  @Test
  @DisplayName("Every clause is carried by a diagram element and proved by a test named after it")
  void everyClauseIsTraced() throws IOException {
    Map<String, List<String>> elements = clausesOfElements();
    List<String> tests = displayNames();
    TreeSet<String> withoutElement = new TreeSet<>();
    TreeSet<String> withoutTest = new TreeSet<>();
    for (String clause : CLAUSES) {
      if (elements.values().stream().noneMatch(ids -> ids.contains(clause))) {
        withoutElement.add(clause);
      }
      if (tests.stream().noneMatch(name -> names(name, clause))) {
        withoutTest.add(clause);
      }
    }
    assertThat(withoutElement).as("clauses no diagram element carries").isEmpty();
    assertThat(withoutTest).as("clauses no test names").isEmpty();
    // a sub-item (CP-16.1) belongs to its clause (CP-16); anything else is a typo
    elements.forEach((element, ids) -> ids.forEach(id -> assertThat(CLAUSES.stream()
        .anyMatch(c -> id.equals(c) || id.startsWith(c + "."))).as("%s names %s", element, id)
        .isTrue()));
  }

  @Test
  @DisplayName("What staff read as a task's description (the documentation) names no clause id")
  void documentationIsForStaff() throws IOException {
    List<String> withIds = new ArrayList<>();
    for (BpmnModelInstance diagram : diagrams()) {
      for (Documentation documentation : diagram.getModelElementsByType(Documentation.class)) {
        if (CLAUSE_ID.matcher(documentation.getTextContent()).find()) {
          withIds.add(((BaseElement) documentation.getParentElement()).getId() + ": "
              + documentation.getTextContent());
        }
      }
    }
    assertThat(withIds).isEmpty();
  }
}
