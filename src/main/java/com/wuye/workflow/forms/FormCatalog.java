package com.wuye.workflow.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The Camunda Forms of {@code forms/}, read once, so that records can be written in the
 * words staff saw on the form: "敲門后家中是否有人?: 家中無人" rather than "someoneHome=NO".
 */
@Component
public class FormCatalog {

  private final Map<String, JsonNode> formsById = new HashMap<>();
  private final StaffText text;

  public FormCatalog(StaffText text) throws IOException {
    this.text = text;
    ObjectMapper json = new ObjectMapper();
    for (Resource resource : new PathMatchingResourcePatternResolver()
        .getResources("classpath*:forms/*.form")) {
      try (InputStream in = resource.getInputStream()) {
        JsonNode form = json.readTree(in);
        formsById.put(form.path("id").asText(), form);
      }
    }
  }

  public boolean contains(String formId) {
    return formsById.containsKey(formId);
  }

  /** The label a form shows for one of a field's values (the value itself if it has none). */
  public String label(String formId, String key, String value) {
    JsonNode form = formsById.get(formId);
    if (form != null && value != null) {
      for (JsonNode component : form.path("components")) {
        if (key.equals(component.path("key").asText(null))) {
          for (JsonNode option : component.path("values")) {
            if (value.equals(option.path("value").asText())) {
              return option.path("label").asText();
            }
          }
        }
      }
    }
    return value;
  }

  /**
   * The values a form offers for a field (radio, select, checklist): the one list of allowed
   * values, so that the server's check and what staff can choose cannot drift apart. A form or
   * field without options fails loudly: a check that names one must find it.
   */
  public java.util.Set<String> values(String formId, String key) {
    JsonNode form = formsById.get(formId);
    if (form == null) {
      throw new IllegalStateException("No form " + formId + " in forms/");
    }
    java.util.Set<String> values = new java.util.LinkedHashSet<>();
    for (JsonNode component : form.path("components")) {
      if (key.equals(component.path("key").asText(null))) {
        component.path("values").forEach(option -> values.add(option.path("value").asText()));
      }
    }
    if (values.isEmpty()) {
      throw new IllegalStateException("Form " + formId + " offers no values for " + key);
    }
    return java.util.Collections.unmodifiableSet(values);
  }

  /**
   * The editable fields of a form with the values given, as "label: value; …", choices in
   * their labels and check boxes as 是/否. Read-only fields and empty values are left out.
   */
  public String describe(String formId, Map<String, Object> values) {
    JsonNode form = formsById.get(formId);
    if (form == null) {
      return "";
    }
    StringJoiner summary = new StringJoiner(";");
    for (JsonNode component : form.path("components")) {
      String key = component.path("key").asText(null);
      if (key == null || component.path("readonly").asBoolean(false)) {
        continue;
      }
      Object value = values.get(key);
      if (value == null || value.toString().isBlank()) {
        continue;
      }
      String label = component.has("label") ? component.path("label").asText()
          : component.path("dateLabel").asText(key);
      summary.add(label + ":" + display(component, value));
    }
    return summary.toString();
  }

  /** The label a form shows for a choice of one of its fields; the value itself if none. */
  public String optionLabel(String formId, String key, String value) {
    JsonNode form = formsById.get(formId);
    if (form != null) {
      for (JsonNode component : form.path("components")) {
        if (key.equals(component.path("key").asText(null))) {
          for (JsonNode option : component.path("values")) {
            if (option.path("value").asText().equals(value)) {
              return option.path("label").asText();
            }
          }
        }
      }
    }
    return value;
  }

  /** The values a form offers for one of its fields (a radio, select or checklist). */
  public java.util.Set<String> optionValues(String formId, String key) {
    java.util.Set<String> values = new java.util.LinkedHashSet<>();
    JsonNode form = formsById.get(formId);
    if (form != null) {
      for (JsonNode component : form.path("components")) {
        if (key.equals(component.path("key").asText(null))) {
          component.path("values").forEach(option -> values.add(option.path("value").asText()));
        }
      }
    }
    return values;
  }

  private String display(JsonNode component, Object value) {
    if (value instanceof Boolean b) {
      return b ? "是" : "否";
    }
    if (value instanceof java.util.Date date) {
      // a moment the process set (a complaint's receipt time): as staff write it
      return text.dateTime(date);
    }
    if ("datetime".equals(component.path("type").asText())) {
      return text.dateTime(value.toString());
    }
    for (JsonNode option : component.path("values")) {
      if (option.path("value").asText().equals(value.toString())) {
        return option.path("label").asText();
      }
    }
    return value.toString();
  }
}
