package com.wuye.workflow.security;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Deploying is running code: this check runs before any other deployer, on every new
 * deployment (start-up, Camunda Modeler, REST), and refuses a deployment that breaks a rule with
 * a {@link ParseException} (the REST API answers 400) naming the element. The rules are the
 * process owner's deployment rules of the README:
 * <ul>
 *   <li>only diagrams ({@code .bpmn}), decision tables ({@code .dmn}) and Camunda Forms
 *   ({@code .form}): no embedded HTML forms, scripts or other files;</li>
 *   <li>no scripts ({@code scriptTask}, {@code camunda:script}, script conditions), no
 *   {@code camunda:class}, no external tasks or connectors, no {@code camunda:formKey};</li>
 *   <li>in a deployment by a person (Modeler, REST, Cockpit), a service, send or business rule
 *   task is made from one of the element templates ({@link ElementTemplates}) and is as its
 *   template makes it; so is any element naming a template (the application's own diagrams,
 *   deployed at start-up, are held to the templates by a test);</li>
 *   <li>delegate expressions name one of the project's beans ({@link DiagramBeans});</li>
 *   <li>every other expression passes {@link ExpressionRules};</li>
 *   <li>no timer start event except in {@link DiagramBeans#SCHEDULED_PROCESS};</li>
 *   <li>tasks go to the working groups of the company, never to the process owner or the
 *   administrators, as a group or as named users (who must not receive residents' data);</li>
 *   <li>a decision table uses FEEL only.</li>
 * </ul>
 * Deployments already in the database (a restart, a cache miss) are not checked again, so cases
 * running on an older version keep running.
 */
public class DeploymentRules implements Deployer {

  static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";
  private static final Set<String> REFUSED_CAMUNDA_ATTRIBUTES = Set.of("class",
      "variableMappingClass", "resource", "formKey", "formHandlerClass", "scriptFormat", "topic");
  private static final Set<String> REFUSED_ELEMENTS = Set.of("scriptTask", "script",
      "humanPerformer", "potentialOwner", "performer", "connector");

  private final Set<String> assignableGroups;
  private final ElementTemplates templates = ElementTemplates.get();

  public DeploymentRules(Set<String> assignableGroups) {
    this.assignableGroups = Set.copyOf(assignableGroups);
  }

  @Override
  public void deploy(DeploymentEntity deployment) {
    if (!deployment.isNew()) {
      return;
    }
    if (deployment.getTenantId() != null) {
      // the diagrams are shared by every office: a case's office comes from its community
      String first = deployment.getResources().keySet().stream().findFirst().orElse("");
      throw new ParseException("流程圖由所有管理處共用,部署時不可指定租戶(Tenant ID)「"
          + deployment.getTenantId() + "」。", first, List.of(new RuleProblem(
              "部署時不可指定租戶(Tenant ID)。", null)), List.of());
    }
    // a person's deployment (Modeler, REST, Cockpit) uses the element templates; the
    // application's own deployment of processes/ at start-up, which ElementTemplatesTest holds
    // to the templates, and diagrams of earlier releases deployed by the tests do not name them
    boolean byPerson = org.camunda.bpm.engine.impl.context.Context.getCommandContext()
        .getAuthenticatedUserId() != null;
    for (ResourceEntity resource : deployment.getResources().values()) {
      String name = resource.getName();
      String lower = name.toLowerCase(Locale.ROOT);
      List<Problem> problems = new ArrayList<>();
      if (lower.endsWith(".bpmn") || lower.endsWith(".bpmn20.xml")) {
        checkXml(resource, problems, true, byPerson);
      } else if (lower.endsWith(".dmn") || lower.endsWith(".dmn11.xml")) {
        checkXml(resource, problems, false, byPerson);
      } else if (!lower.endsWith(".form")) {
        problems.add(new RuleProblem("只可部署流程圖(.bpmn)、決策表(.dmn)及表單(.form),不可部署「"
            + fileName(name) + "」。", null));
      }
      if (!problems.isEmpty()) {
        throw new ParseException(fileName(name) + ":" + problems.get(0).getMessage(), name,
            problems, List.of());
      }
    }
  }

  private void checkXml(ResourceEntity resource, List<Problem> problems, boolean bpmn,
      boolean templated) {
    Document document;
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(null);
      document = builder.parse(new ByteArrayInputStream(resource.getBytes()));
    } catch (Exception e) {
      problems.add(new RuleProblem("檔案不是有效的 XML。", null));
      return;
    }
    walk(document.getDocumentElement(), problems, bpmn, templated);
  }

  private void walk(Element element, List<Problem> problems, boolean bpmn, boolean templated) {
    if (problems.isEmpty()) {
      if (bpmn) {
        checkBpmnElement(element, problems, templated);
      } else {
        checkDmnElement(element, problems);
      }
    }
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element childElement) {
        walk(childElement, problems, bpmn, templated);
      } else if (problems.isEmpty() && (child.getNodeType() == Node.TEXT_NODE
          || child.getNodeType() == Node.CDATA_SECTION_NODE)) {
        checkExpression(element, child.getNodeValue(), problems);
      }
    }
  }

  private void checkBpmnElement(Element element, List<Problem> problems, boolean templated) {
    if (templated && ElementTemplates.concerns(element)) {
      String violation = templates.violation(element);
      if (violation != null) {
        problems.add(problem(element, violation));
        return;
      }
    }
    String local = element.getLocalName();
    if (REFUSED_ELEMENTS.contains(local)) {
      problems.add(problem(element, "不可使用「" + local + "」:腳本、連接器及指定個人都不在允許之列。"));
      return;
    }
    if ("conditionExpression".equals(local) && element.hasAttribute("language")) {
      problems.add(problem(element, "條件不可使用腳本語言。"));
      return;
    }
    if ("timerEventDefinition".equals(local) && element.getParentNode() instanceof Element start
        && "startEvent".equals(start.getLocalName())
        && start.getParentNode() instanceof Element scope && "process".equals(scope.getLocalName())
        && !DiagramBeans.SCHEDULED_PROCESS.equals(scope.getAttribute("id"))) {
      problems.add(problem(start, "只有「" + DiagramBeans.SCHEDULED_PROCESS
          + "」可用定時啟動事件;個案由員工或系統服務啟動。"));
      return;
    }
    NamedNodeMap attributes = element.getAttributes();
    for (int i = 0; i < attributes.getLength() && problems.isEmpty(); i++) {
      Attr attribute = (Attr) attributes.item(i);
      String name = attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName();
      String value = attribute.getValue();
      boolean camunda = CAMUNDA_NS.equals(attribute.getNamespaceURI());
      if (camunda && REFUSED_CAMUNDA_ATTRIBUTES.contains(name)) {
        problems.add(problem(element, "不可使用 camunda:" + name + "。"));
      } else if (camunda && "type".equals(name)) {
        problems.add(problem(element, "不可使用外部任務(camunda:type)。"));
      } else if ("delegateExpression".equals(name)
          || "variableMappingDelegateExpression".equals(name)) {
        checkDelegate(element, value, problems);
      } else if (camunda && "candidateGroups".equals(name)) {
        checkGroups(element, value, problems);
      } else if (camunda && ("candidateUsers".equals(name) || "assignee".equals(name))) {
        checkUsers(element, value, problems);
      } else {
        checkExpression(element, value, problems);
      }
    }
  }

  private void checkDmnElement(Element element, List<Problem> problems) {
    String language = element.getAttribute("expressionLanguage");
    if (!language.isEmpty() && !language.toLowerCase(Locale.ROOT).startsWith("feel")
        && !language.toLowerCase(Locale.ROOT).contains("feel")) {
      problems.add(problem(element, "決策表只可使用 FEEL 表達式,不可使用「" + language + "」。"));
    }
  }

  private void checkDelegate(Element element, String value, List<Problem> problems) {
    String trimmed = value.trim();
    if (!trimmed.matches("[$#]\\{\\s*[A-Za-z][A-Za-z0-9]*\\s*}")) {
      problems.add(problem(element, "delegateExpression 只可寫成 ${名稱},名稱為系統提供的步驟之一:"
          + String.join("、", DiagramBeans.steps()) + "。"));
      return;
    }
    String bean = trimmed.substring(2, trimmed.length() - 1).trim();
    if (!DiagramBeans.steps().contains(bean)) {
      problems.add(problem(element, "「" + bean + "」不是系統提供的步驟。可用:"
          + String.join("、", DiagramBeans.steps()) + "。"));
    }
  }

  private void checkGroups(Element element, String value, List<Problem> problems) {
    if (ExpressionRules.hasExpression(value)) {
      checkExpression(element, value, problems);
      return;
    }
    for (String group : value.split(",")) {
      String id = group.trim();
      if (!assignableGroups.contains(id)) {
        problems.add(problem(element, "任務只可交給公司的工作組別,不可交給「" + id + "」。可用:"
            + String.join("、", new java.util.TreeSet<>(assignableGroups)) + "。"));
        return;
      }
    }
  }

  /**
   * A task for named users: none of them may be a process owner or an administrator (they must
   * not receive residents' data through a task).
   */
  private void checkUsers(Element element, String value, List<Problem> problems) {
    if (ExpressionRules.hasExpression(value)) {
      checkExpression(element, value, problems);
      return;
    }
    var identity = org.camunda.bpm.engine.impl.context.Context.getProcessEngineConfiguration()
        .getIdentityService();
    for (String user : value.split(",")) {
      String id = user.trim();
      boolean privileged = org.camunda.bpm.engine.impl.context.Context.getCommandContext()
          .runWithoutAuthorization(() -> TrustBoundaryEnginePlugin.NOT_ASSIGNABLE.stream()
              .anyMatch(group -> identity.createUserQuery().userId(id).memberOfGroup(group)
                  .count() > 0));
      if (privileged) {
        problems.add(problem(element, "任務不可交給流程負責人或系統管理員「" + id + "」。"));
        return;
      }
    }
  }

  private void checkExpression(Element element, String text, List<Problem> problems) {
    if (problems.isEmpty() && ExpressionRules.hasExpression(text)) {
      String violation = ExpressionRules.violation(text);
      if (violation != null) {
        problems.add(problem(element, violation));
      }
    }
  }

  private static RuleProblem problem(Element element, String message) {
    Element named = element;
    while (named != null && !named.hasAttribute("id")) {
      named = named.getParentNode() instanceof Element parent ? parent : null;
    }
    String id = named == null ? null : named.getAttribute("id");
    return new RuleProblem((id == null ? "" : "元素「" + id + "」:") + message, id);
  }

  private static String fileName(String resourceName) {
    int slash = Math.max(resourceName.lastIndexOf('/'), resourceName.lastIndexOf('\\'));
    return resourceName.substring(slash + 1);
  }

  private record RuleProblem(String message, String elementId) implements Problem {
    @Override
    public String getMessage() {
      return message;
    }

    @Override
    public int getLine() {
      return 0;
    }

    @Override
    public int getColumn() {
      return 0;
    }

    @Override
    public String getMainElementId() {
      return elementId;
    }

    @Override
    public List<String> getElementIds() {
      return elementId == null ? List.of() : List.of(elementId);
    }
  }
}
