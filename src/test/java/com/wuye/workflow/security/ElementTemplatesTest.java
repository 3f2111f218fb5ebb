package com.wuye.workflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.yaml.snakeyaml.Yaml;

/**
 * The element templates and the deployment check agree (#18): every service task of processes/
 * is made from a template and is as its template makes it; every template, applied as Modeler
 * applies it, passes the check; a hand-edited element is refused with the reason.
 */
class ElementTemplatesTest {

  static final ElementTemplates TEMPLATES = ElementTemplates.read(
      "file:" + ModelerElements.FOLDER.toAbsolutePath() + "/*.json");

  static Element parse(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(
        xml.getBytes(StandardCharsets.UTF_8)));
    return document.getDocumentElement();
  }

  /** The one element of a fragment (in a process, with the namespaces). */
  static Element fragment(String element) throws Exception {
    Element process = parse("<bpmn:process " + ModelerElements.NAMESPACES + " id=\"P\">"
        + element + "</bpmn:process>");
    for (Node n = process.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        return e;
      }
    }
    throw new AssertionError();
  }

  static void collect(Element element, List<Element> found) {
    if (ElementTemplates.concerns(element)) {
      found.add(element);
    }
    for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        collect(e, found);
      }
    }
  }

  static JsonNode template(String id) {
    return ModelerElements.templates().stream().filter(t -> t.path("id").asText().equals(id))
        .findFirst().orElseThrow();
  }

  @Test
  @DisplayName("Every service task and decision step of processes/ is made from an element template and matches it (the same check as a deployment)")
  void processesUseTheTemplates() throws Exception {
    List<String> checked = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("processes"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList()) {
        List<Element> elements = new ArrayList<>();
        collect(parse(Files.readString(file)), elements);
        for (Element e : elements) {
          assertThat(TEMPLATES.violation(e)).as("%s %s", file, e.getAttribute("id")).isNull();
          checked.add(e.getAttribute("id"));
        }
      }
    }
    assertThat(checked).hasSizeGreaterThanOrEqualTo(23);
    // and the steps a diagram may call are exactly those the templates offer
    assertThat(DiagramBeans.DELEGATES).isEqualTo(TEMPLATES.delegates())
        .contains("writeDutyLog", "mailOfficeGroup", "escalateOverdue", "sealKeyEnvelope");
    assertThat(DiagramBeans.LISTENERS).containsAll(TEMPLATES.listeners());
  }

  @Test
  @DisplayName("Every element template, applied and filled in as Modeler does, passes the deployment check")
  void everyTemplateAsModelerMakesIt() throws Exception {
    List<JsonNode> templates = ModelerElements.templates();
    assertThat(templates).hasSizeGreaterThanOrEqualTo(27);
    for (JsonNode t : templates) {
      Element e = fragment(ModelerElements.element(t, "Step_1", t.path("name").asText(), Map.of(),
          null, null));
      assertThat(TEMPLATES.violation(e)).as(t.path("id").asText()).isNull();
    }
  }

  @Test
  @DisplayName("A hand-edited step is refused with what is wrong: no template, a fixed value changed, a field or listener added, a choice or a required field outside the template, an unknown version")
  void handEditedStepsRefused() throws Exception {
    JsonNode mail = template("wuye.mailOfficeGroup");
    String made = ModelerElements.element(mail, "Step_Mail", "通知主任", Map.of(), null, null);
    assertThat(TEMPLATES.violation(fragment(made))).isNull();

    Map<String, String> refused = new LinkedHashMap<>();
    refused.put(made.replace(" camunda:modelerTemplate=\"wuye.mailOfficeGroup\""
        + " camunda:modelerTemplateVersion=\"1\"", ""), "須由元素範本");
    refused.put(made.replace("${mailOfficeGroup}", "${sealKeyEnvelope}"), "固定設定「delegateExpression」");
    refused.put(made.replace("</camunda:inputOutput>",
        "<camunda:inputParameter name=\"cc\">a@example.com</camunda:inputParameter></camunda:inputOutput>"),
        "輸入參數 cc");
    refused.put(made.replace("<camunda:inputParameter name=\"group\">service-staff",
        "<camunda:inputParameter name=\"group\">process-owner"),
        "「通知組別」不可為「process-owner」,只可選:工作人員(service-staff)、");
    refused.put(made.replaceAll("<camunda:inputParameter name=\"subject\">[^<]*</camunda:inputParameter>", ""),
        "「郵件標題」必須填寫");
    refused.put(made.replace("</bpmn:extensionElements>",
        "<camunda:executionListener delegateExpression=\"${dutyLog}\" event=\"end\" /></bpmn:extensionElements>"),
        "監聽器 end ${dutyLog}");
    refused.put(made.replace("camunda:modelerTemplateVersion=\"1\"", "camunda:modelerTemplateVersion=\"7\""),
        "第 7 版");
    refused.put(made.replace("value=\"CP-7.8\"", "value=\"見程序\""), "條款編號須如 CP-7.8");
    refused.put(made.replace(" camunda:delegateExpression=\"${mailOfficeGroup}\"",
        " camunda:delegateExpression=\"${mailOfficeGroup}\" camunda:resultVariable=\"x\""), "camunda:resultVariable");
    refused.put(made.replace("<bpmn:serviceTask", "<bpmn:sendTask").replace("</bpmn:serviceTask>",
        "</bpmn:sendTask>"), "不適用於此類元素");
    refused.put("<bpmn:serviceTask id=\"Step_Bare\" camunda:delegateExpression=\"${writeDutyLog}\" />",
        "須由元素範本");
    for (Map.Entry<String, String> edit : refused.entrySet()) {
      assertThat(TEMPLATES.violation(fragment(edit.getKey()))).as(edit.getKey())
          .isNotNull().contains(edit.getValue());
    }
  }

  @Test
  @DisplayName("The templates' drop-downs of groups offer the company's groups by their names, and the escalation only the superiors")
  @SuppressWarnings("unchecked")
  void groupChoicesAreTheCompanysGroups() throws Exception {
    Map<String, Object> yaml;
    try (var in = Files.newInputStream(Path.of("src/main/resources/application.yaml"))) {
      yaml = new Yaml().load(in);
    }
    List<Map<String, Object>> groups = (List<Map<String, Object>>) ((Map<String, Object>)
        ((Map<String, Object>) yaml.get("wuye")).get("identity")).get("groups");
    Map<String, String> configured = new LinkedHashMap<>();
    for (Map<String, Object> g : groups) {
      if (!Set.of("process-owner", "camunda-admin").contains(g.get("id"))) {
        configured.put((String) g.get("id"), (String) g.get("name"));
      }
    }
    Map<String, String> offered = new LinkedHashMap<>();
    template("wuye.mailOfficeGroup").path("properties").forEach(p -> p.path("choices")
        .forEach(c -> offered.put(c.path("value").asText(), c.path("name").asText())));
    assertThat(offered).isEqualTo(configured);
    Set<String> superiors = new TreeSet<>();
    template("wuye.escalateOverdue").path("properties").forEach(p -> p.path("choices")
        .forEach(c -> superiors.add(c.path("value").asText())));
    assertThat(superiors).containsExactlyInAnyOrder("cs-supervisor", "office-director",
        "deputy-gm", "general-manager", "complaint-center");
  }

  @Test
  @DisplayName("A template's output parameter: its source fixed, the variable it writes a field of the step")
  void outputParameterBinding(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("t.json"), """
        [{"id": "test.output", "name": "輸出", "version": 1, "appliesTo": ["bpmn:Task"],
          "elementType": {"value": "bpmn:ServiceTask"},
          "properties": [
            {"type": "Hidden", "value": "${writeDutyLog}",
             "binding": {"type": "property", "name": "camunda:delegateExpression"}},
            {"label": "結果變數", "type": "String", "constraints": {"notEmpty": true},
             "binding": {"type": "camunda:outputParameter", "source": "${entryType}"}}]}]""");
    ElementTemplates templates = ElementTemplates.read("file:" + dir.toAbsolutePath() + "/*.json");
    String element = "<bpmn:serviceTask id=\"S\" camunda:modelerTemplate=\"test.output\" "
        + "camunda:modelerTemplateVersion=\"1\" camunda:delegateExpression=\"${writeDutyLog}\">"
        + "<bpmn:extensionElements><camunda:inputOutput>%s</camunda:inputOutput>"
        + "</bpmn:extensionElements></bpmn:serviceTask>";
    assertThat(templates.violation(fragment(element.formatted(
        "<camunda:outputParameter name=\"kind\">${entryType}</camunda:outputParameter>")))).isNull();
    assertThat(templates.violation(fragment(element.formatted(
        "<camunda:outputParameter name=\"kind\">${summary}</camunda:outputParameter>"))))
        .contains("「結果變數」必須填寫");
    assertThat(templates.violation(fragment(element.formatted("")))).contains("「結果變數」必須填寫");
  }
}
