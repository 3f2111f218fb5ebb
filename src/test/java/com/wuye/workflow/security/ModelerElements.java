package com.wuye.workflow.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The element templates of {@code processes/.camunda/element-templates/} read from the files a
 * process owner's Modeler reads, and elements made from them as Modeler writes them: the hidden
 * values, every field filled (an example value that satisfies its constraints), the template's
 * id and version on the element.
 */
final class ModelerElements {

  static final Path FOLDER = Path.of("processes", ".camunda", "element-templates");
  static final String NAMESPACES = "xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
      + "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\"";

  private ModelerElements() {
  }

  static List<JsonNode> templates() {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> all = new ArrayList<>();
    try (Stream<Path> files = Files.list(FOLDER)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        json.readTree(file.toFile()).forEach(all::add);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return all;
  }

  /** The BPMN element type a template makes: bpmn:ServiceTask → serviceTask. */
  static String elementType(JsonNode template) {
    String type = template.path("elementType").path("value").asText(
        template.path("appliesTo").get(0).asText());
    return Character.toLowerCase(type.charAt(5)) + type.substring(6);
  }

  /** A value Modeler would accept for the property; {@code overrides} by binding name first. */
  static String example(JsonNode property, Map<String, String> overrides) {
    String name = property.path("binding").path("name").asText();
    if (overrides.containsKey(name)) {
      return overrides.get(name);
    }
    if (property.has("choices")) {
      return property.path("choices").get(0).path("value").asText();
    }
    if ("clause".equals(name)) {
      return "CP-7.8";
    }
    return "Text".equals(property.path("type").asText()) ? "範本測試 ${community}" : "範本測試";
  }

  /**
   * The element as Modeler writes it when the template is applied and its fields filled, with
   * the given incoming and outgoing flows.
   */
  static String element(JsonNode template, String id, String name, Map<String, String> overrides,
      String incoming, String outgoing) {
    StringBuilder attributes = new StringBuilder();
    StringBuilder properties = new StringBuilder();
    StringBuilder inputs = new StringBuilder();
    StringBuilder listeners = new StringBuilder();
    for (JsonNode p : template.path("properties")) {
      JsonNode binding = p.path("binding");
      String bindingName = binding.path("name").asText();
      String value = "Hidden".equals(p.path("type").asText()) ? p.path("value").asText()
          : example(p, overrides);
      switch (binding.path("type").asText()) {
        case "property" -> attributes.append(' ').append(bindingName).append("=\"")
            .append(xml(value)).append('"');
        case "camunda:property" -> properties.append("<camunda:property name=\"")
            .append(bindingName).append("\" value=\"").append(xml(value)).append("\" />");
        case "camunda:inputParameter" -> inputs.append("<camunda:inputParameter name=\"")
            .append(bindingName).append("\">").append(xml(value)).append("</camunda:inputParameter>");
        case "camunda:executionListener" -> listeners.append("<camunda:executionListener ")
            .append("delegateExpression=\"").append(xml(value)).append("\" event=\"")
            .append(binding.path("event").asText()).append("\" />");
        default -> throw new IllegalArgumentException(binding.toString());
      }
    }
    String type = elementType(template);
    return "<bpmn:" + type + " id=\"" + id + "\" name=\"" + xml(name)
        + "\" camunda:modelerTemplate=\"" + template.path("id").asText()
        + "\" camunda:modelerTemplateVersion=\"" + template.path("version").asInt() + "\""
        + attributes + "><bpmn:extensionElements>"
        + (properties.isEmpty() ? "" : "<camunda:properties>" + properties + "</camunda:properties>")
        + (inputs.isEmpty() ? "" : "<camunda:inputOutput>" + inputs + "</camunda:inputOutput>")
        + listeners + "</bpmn:extensionElements>"
        + (incoming == null ? "" : "<bpmn:incoming>" + incoming + "</bpmn:incoming>")
        + (outgoing == null ? "" : "<bpmn:outgoing>" + outgoing + "</bpmn:outgoing>")
        + "</bpmn:" + type + ">";
  }

  static String xml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
  }
}
