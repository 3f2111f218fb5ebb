package com.wuye.workflow.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * The building blocks a diagram may use, as Camunda Modeler's element templates
 * ({@code processes/.camunda/element-templates/*.json}, packaged with the application): the one
 * list of the service tasks the application offers and of the execution listeners a process
 * owner may add. Modeler shows each as a step with its own fields; {@link DeploymentRules} uses
 * the same files to accept an element only as its template makes it.
 *
 * <p>An element that must come from a template (a service, send or business rule task) or that
 * names one ({@code camunda:modelerTemplate}) matches when: the template and its version exist
 * and apply to the element's type; every hidden value of the template is there as given; every
 * field is one the template defines, a required field is filled, a drop-down holds one of its
 * choices and a text satisfies its length and pattern; and nothing else is bound to the element
 * (no other listener, input, field or extension, no other Camunda attribute than the
 * asynchronous-continuation ones an engineer may set).
 */
public final class ElementTemplates {

  static final String LOCATION = "classpath*:processes/.camunda/element-templates/*.json";
  private static final String BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  /** Elements that exist only as a template makes them. */
  static final Set<String> TEMPLATED_ONLY = Set.of("serviceTask", "sendTask", "businessRuleTask");
  /** Camunda attributes an engineer may set on any element: how the engine runs it, not what. */
  private static final Set<String> TECHNICAL_ATTRIBUTES = Set.of("modelerTemplate",
      "modelerTemplateVersion", "asyncBefore", "asyncAfter", "exclusive", "jobPriority");
  private static final Set<String> STRUCTURAL_CHILDREN = Set.of("incoming", "outgoing",
      "documentation", "extensionElements", "multiInstanceLoopCharacteristics");

  private static volatile ElementTemplates loaded;

  private final Map<String, Template> byKey;

  /** One template: its id and version, where it applies and what it binds. */
  record Template(String id, int version, String name, Set<String> appliesTo,
      String elementType, List<JsonNode> properties, String file) {

    String key() {
      return id + "@" + version;
    }
  }

  ElementTemplates(Map<String, Template> byKey) {
    this.byKey = Map.copyOf(byKey);
  }

  /** The templates packaged with the application (read once). */
  public static ElementTemplates get() {
    ElementTemplates templates = loaded;
    if (templates == null) {
      synchronized (ElementTemplates.class) {
        if (loaded == null) {
          loaded = read(LOCATION);
        }
        templates = loaded;
      }
    }
    return templates;
  }

  static ElementTemplates read(String location) {
    ObjectMapper json = new ObjectMapper();
    Map<String, Template> templates = new LinkedHashMap<>();
    try {
      Resource[] files = new PathMatchingResourcePatternResolver().getResources(location);
      if (files.length == 0) {
        throw new IllegalStateException("no element templates at " + location);
      }
      for (Resource file : files) {
        try (InputStream in = file.getInputStream()) {
          JsonNode list = json.readTree(in);
          for (JsonNode t : list.isArray() ? list : json.createArrayNode().add(list)) {
            Set<String> appliesTo = new HashSet<>();
            t.path("appliesTo").forEach(a -> appliesTo.add(localName(a.asText())));
            List<JsonNode> properties = new ArrayList<>();
            t.path("properties").forEach(properties::add);
            Template template = new Template(t.path("id").asText(), t.path("version").asInt(0),
                t.path("name").asText(), appliesTo,
                t.path("elementType").path("value").isMissingNode() ? null
                    : localName(t.path("elementType").path("value").asText()),
                properties, file.getFilename());
            if (templates.put(template.key(), template) != null) {
              throw new IllegalStateException("element template " + template.key()
                  + " defined twice (" + file.getFilename() + ")");
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ElementTemplates(templates);
  }

  private static String localName(String bpmnType) {
    return bpmnType.startsWith("bpmn:") ? Character.toLowerCase(bpmnType.charAt(5))
        + bpmnType.substring(6) : bpmnType;
  }

  public List<Template> all() {
    return List.copyOf(byKey.values());
  }

  /** The beans service tasks may call: each template's hidden {@code delegateExpression}. */
  public Set<String> delegates() {
    return beans(binding -> "property".equals(binding.path("type").asText())
        && "camunda:delegateExpression".equals(binding.path("name").asText()));
  }

  /** The listeners the templates bind ({@code ${name}} of each execution listener). */
  public Set<String> listeners() {
    return beans(binding -> "camunda:executionListener".equals(binding.path("type").asText()));
  }

  /** The bean names ({@code ${name}}) of the properties whose binding is one of these. */
  private Set<String> beans(java.util.function.Predicate<JsonNode> binding) {
    Set<String> beans = new TreeSet<>();
    for (Template t : byKey.values()) {
      for (JsonNode p : t.properties()) {
        if (binding.test(p.path("binding"))) {
          beans.add(beanName(p.path("value").asText()));
        }
      }
    }
    return beans;
  }

  private static String beanName(String expression) {
    return expression.replaceAll("^[$#]\\{\\s*|\\s*}$", "");
  }

  /**
   * Whether the element must be checked against a template: a service, send or business rule
   * task, or any element that names a template.
   */
  static boolean concerns(Element element) {
    return BPMN_NS.equals(element.getNamespaceURI())
        && (TEMPLATED_ONLY.contains(element.getLocalName())
            || element.hasAttributeNS(DeploymentRules.CAMUNDA_NS, "modelerTemplate"));
  }

  /**
   * Why the element is not as its template makes it, in Chinese for the process owner; null
   * when it is.
   */
  String violation(Element element) {
    String id = element.getAttributeNS(DeploymentRules.CAMUNDA_NS, "modelerTemplate");
    if (id.isEmpty()) {
      return "須由元素範本(element template)建立:在 Camunda Modeler 選取此元素,按「Template」"
          + "選擇系統提供的步驟。可用的範本:" + names(element.getLocalName()) + "。";
    }
    String version = element.getAttributeNS(DeploymentRules.CAMUNDA_NS, "modelerTemplateVersion");
    Template template = byKey.get(id + "@" + (version.isEmpty() ? "0" : version));
    if (template == null) {
      return "元素範本「" + id + "」" + (version.isEmpty() ? "" : "(第 " + version + " 版)")
          + "不是系統提供的範本,請在 Modeler 更新或重新選擇範本。可用的範本:"
          + names(element.getLocalName()) + "。";
    }
    String type = element.getLocalName();
    if (template.elementType() != null ? !template.elementType().equals(type)
        : !appliesTo(template, type)) {
      return "元素範本「" + template.name() + "」不適用於此類元素(" + type + ")。";
    }
    Map<String, String> attributes = camundaAttributes(element);
    Map<String, String> properties = new LinkedHashMap<>();
    Map<String, String> inputs = new LinkedHashMap<>();
    Map<String, String> outputs = new LinkedHashMap<>();
    Map<String, String> fields = new LinkedHashMap<>();
    List<String> listeners = new ArrayList<>();
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (!(child instanceof Element e)) {
        continue;
      }
      if (BPMN_NS.equals(e.getNamespaceURI()) && !STRUCTURAL_CHILDREN.contains(e.getLocalName())) {
        return "元素範本「" + template.name() + "」的步驟不可再加上「" + e.getLocalName() + "」。";
      }
      if ("extensionElements".equals(e.getLocalName())) {
        String problem = readExtensions(e, template, properties, inputs, outputs, fields, listeners);
        if (problem != null) {
          return problem;
        }
      }
    }
    for (JsonNode p : template.properties()) {
      JsonNode binding = p.path("binding");
      String name = binding.path("name").asText();
      String problem = switch (binding.path("type").asText()) {
        case "property" -> check(p, template, name.replaceFirst("^camunda:", ""),
            name.startsWith("camunda:") ? attributes.remove(name.substring(8))
                : element.hasAttribute(name) ? element.getAttribute(name) : null);
        case "camunda:property" -> check(p, template, name, properties.remove(name));
        case "camunda:inputParameter" -> check(p, template, name, inputs.remove(name));
        case "camunda:outputParameter" -> {
          // the template fixes the source; the field is the variable it is written to
          String target = null;
          for (Map.Entry<String, String> out : outputs.entrySet()) {
            if (out.getValue().equals(binding.path("source").asText())) {
              target = out.getKey();
            }
          }
          if (target != null) {
            outputs.remove(target);
          }
          yield check(p, template, binding.path("source").asText(), target);
        }
        case "camunda:field" -> check(p, template, name, fields.remove(name));
        case "camunda:executionListener" -> listeners.remove(binding.path("event").asText() + " "
            + p.path("value").asText()) ? null : "元素範本「" + template.name() + "」的監聽器「"
            + p.path("value").asText() + "」(" + binding.path("event").asText() + ")被刪改了。";
        default -> "元素範本「" + template.name() + "」使用了系統不支援的設定:"
            + binding.path("type").asText() + "。";
      };
      if (problem != null) {
        return problem;
      }
    }
    attributes.keySet().removeAll(TECHNICAL_ATTRIBUTES);
    List<String> extra = new ArrayList<>();
    attributes.keySet().forEach(a -> extra.add("camunda:" + a));
    properties.keySet().forEach(p -> extra.add("擴充屬性 " + p));
    inputs.keySet().forEach(p -> extra.add("輸入參數 " + p));
    outputs.keySet().forEach(p -> extra.add("輸出參數 " + p));
    fields.keySet().forEach(p -> extra.add("欄位注入 " + p));
    listeners.forEach(l -> extra.add("監聽器 " + l));
    if (!extra.isEmpty()) {
      return "元素範本「" + template.name() + "」沒有這些設定,不可手動加上:"
          + String.join("、", extra) + "。";
    }
    return null;
  }

  private static boolean appliesTo(Template template, String type) {
    if (template.appliesTo().contains(type)) {
      return true;
    }
    // bpmn:Task covers every kind of task
    return template.appliesTo().contains("task") && type.endsWith("Task");
  }

  /** The value of one field against its template property: hidden, drop-down, text. */
  private static String check(JsonNode p, Template template, String name, String value) {
    String label = p.path("label").asText(name);
    String type = p.path("type").asText();
    JsonNode constraints = p.path("constraints");
    if ("Hidden".equals(type)) {
      String expected = p.path("value").asText();
      return expected.equals(value) ? null : "元素範本「" + template.name() + "」的固定設定「"
          + name + "」被改動了(應為「" + expected + "」)。請在 Modeler 重新套用範本。";
    }
    if (value == null || value.isEmpty()) {
      return constraints.path("notEmpty").asBoolean(false)
          ? "「" + label + "」必須填寫(元素範本「" + template.name() + "」)。" : null;
    }
    if ("Dropdown".equals(type)) {
      List<String> choices = new ArrayList<>();
      List<String> shown = new ArrayList<>();
      p.path("choices").forEach(c -> {
        choices.add(c.path("value").asText());
        shown.add(c.path("name").asText() + "(" + c.path("value").asText() + ")");
      });
      return choices.contains(value) ? null : "「" + label + "」不可為「" + value + "」,只可選:"
          + String.join("、", shown) + "。";
    }
    if (constraints.has("minLength") && value.length() < constraints.path("minLength").asInt()) {
      return "「" + label + "」最少 " + constraints.path("minLength").asInt() + " 字。";
    }
    if (constraints.has("maxLength") && value.length() > constraints.path("maxLength").asInt()) {
      return "「" + label + "」最多 " + constraints.path("maxLength").asInt() + " 字。";
    }
    JsonNode pattern = constraints.path("pattern");
    if (!pattern.isMissingNode()) {
      String regex = pattern.isTextual() ? pattern.asText() : pattern.path("value").asText();
      if (!Pattern.compile(regex).matcher(value).matches()) {
        return "「" + label + "」:" + (pattern.path("message").isMissingNode()
            ? "格式不符(" + regex + ")" : pattern.path("message").asText());
      }
    }
    return null;
  }

  private static Map<String, String> camundaAttributes(Element element) {
    Map<String, String> attributes = new LinkedHashMap<>();
    NamedNodeMap all = element.getAttributes();
    for (int i = 0; i < all.getLength(); i++) {
      Attr a = (Attr) all.item(i);
      if (DeploymentRules.CAMUNDA_NS.equals(a.getNamespaceURI())) {
        attributes.put(a.getLocalName(), a.getValue());
      }
    }
    return attributes;
  }

  /** Reads what the element binds in its extension elements; refuses anything else there. */
  private static String readExtensions(Element extensions, Template template,
      Map<String, String> properties, Map<String, String> inputs, Map<String, String> outputs,
      Map<String, String> fields, List<String> listeners) {
    for (Node n = extensions.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (!(n instanceof Element e)) {
        continue;
      }
      if (!DeploymentRules.CAMUNDA_NS.equals(e.getNamespaceURI())) {
        return "元素範本「" + template.name() + "」的步驟不可有其他擴充設定(" + e.getTagName() + ")。";
      }
      switch (e.getLocalName()) {
        case "properties" -> {
          for (Element p : children(e)) {
            properties.put(p.getAttribute("name"), p.getAttribute("value"));
          }
        }
        case "inputOutput" -> {
          for (Element p : children(e)) {
            if (!children(p).isEmpty()) {
              return "「" + p.getAttribute("name") + "」只可是文字(不可是清單、對照表或腳本)。";
            }
            ("inputParameter".equals(p.getLocalName()) ? inputs : outputs)
                .put(p.getAttribute("name"), p.getTextContent());
          }
        }
        case "field" -> {
          String value = e.hasAttribute("stringValue") ? e.getAttribute("stringValue")
              : e.getTextContent().trim();
          fields.put(e.getAttribute("name"), value);
        }
        case "executionListener" -> listeners.add(e.getAttribute("event") + " "
            + (e.hasAttribute("delegateExpression") ? e.getAttribute("delegateExpression")
                : e.hasAttribute("expression") ? e.getAttribute("expression") : "?"));
        case "failedJobRetryTimeCycle" -> {
          // how often the engine retries a failed job: technical, like asyncBefore
        }
        default -> {
          return "元素範本「" + template.name() + "」的步驟不可加上「" + e.getLocalName() + "」。";
        }
      }
    }
    return null;
  }

  private static List<Element> children(Element parent) {
    List<Element> list = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        list.add(e);
      }
    }
    return list;
  }

  /** The templates for this kind of element, as Modeler lists them. */
  private String names(String type) {
    Set<String> names = new TreeSet<>();
    for (Template t : byKey.values()) {
      if (t.elementType() != null ? t.elementType().equals(type) : appliesTo(t, type)) {
        names.add(t.name());
      }
    }
    return names.isEmpty() ? "(沒有)" : String.join("、", names);
  }
}
