package com.wuye.workflow.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wuye.workflow.forms.FormValues;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The allowed values of every choice live in the form that offers it; the server's checks read
 * them from there (FormCatalog.values). What the diagrams branch on must be among them, or a
 * path could never be taken (or a value nobody can choose would be expected).
 */
class AllowedValuesTest {

  static final Pattern CONDITION = Pattern.compile("\\$\\{\\s*(\\w+)\\s*[=!]=\\s*'([^']+)'\\s*}");

  static Map<String, Set<String>> formChoices() throws Exception {
    Map<String, Set<String>> choices = new HashMap<>();
    ObjectMapper json = new ObjectMapper();
    try (Stream<Path> forms = Files.list(Path.of("forms"))) {
      for (Path form : forms.filter(p -> p.toString().endsWith(".form")).toList()) {
        for (JsonNode component : json.readTree(form.toFile()).path("components")) {
          for (JsonNode option : component.path("values")) {
            choices.computeIfAbsent(component.path("key").asText(), k -> new HashSet<>())
                .add(option.path("value").asText());
          }
        }
      }
    }
    return choices;
  }

  @Test
  @DisplayName("CP-6.3 CP-7.8 CP-8.2 every value a diagram's gateway tests on a form's choice is one the form offers")
  void gatewayConditionsUseTheFormsValues() throws Exception {
    Map<String, Set<String>> choices = formChoices();
    int checked = 0;
    try (Stream<Path> diagrams = Files.list(Path.of("processes"))) {
      for (Path diagram : diagrams.filter(p -> p.toString().endsWith(".bpmn")).toList()) {
        Matcher m = CONDITION.matcher(Files.readString(diagram));
        while (m.find()) {
          String variable = m.group(1);
          if (!choices.containsKey(variable)) {
            continue; // set by the process (collectiveRole), not chosen on a form
          }
          assertThat(choices.get(variable)).as("%s: %s == '%s'", diagram.getFileName(), variable,
              m.group(2)).contains(m.group(2));
          checked++;
        }
      }
    }
    assertThat(checked).as("conditions on form choices").isGreaterThanOrEqualTo(10);
  }

  @Test
  @DisplayName("CP-7.8 the escalation chain offers exactly the ways the diagram goes on")
  void escalationChoices() throws Exception {
    Map<String, Set<String>> choices = formChoices();
    assertThat(choices.get("escalateFurther")).containsExactlyInAnyOrder("NONE", "DEPUTY_GM",
        "COMPLAINT_CENTER");
    assertThat(choices.get("deputyGmDecision")).containsExactlyInAnyOrder("RESOLVED",
        "GENERAL_MANAGER");
  }

  @Test
  @DisplayName("CP-6.3 a task the complaint checks do not know fails loudly instead of passing unchecked")
  void unknownTaskFailsLoudly() {
    ComplaintChecks checks = new ComplaintChecks(null, null, null, null, null);
    assertThatThrownBy(() -> checks.check("Task_NotInTheProcedure", null, FormValues.of(Map.of())))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("Task_NotInTheProcedure");
  }
}
