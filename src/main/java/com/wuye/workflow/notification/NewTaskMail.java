package com.wuye.workflow.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.springframework.stereotype.Component;

/**
 * Mails the candidate groups of a new task, in the case's office, the moment it is created:
 * always for the tasks the procedure marks urgent — in the diagram, with the extension property
 * {@code urgentMail} on the user task (its value is the subject's prefix, e.g. 火警), which a
 * process owner sets in Modeler where the step is — and, for the groups listed in
 * {@code wuye.mail.new-task-groups}, for every new task. The mail says what, where (community,
 * building, unit) and links the task. Attached to every user task by a parse listener, so
 * process owners need not wire it into each diagram.
 */
@Component
public class NewTaskMail extends AbstractCamundaConfiguration implements TaskListener {

  /** The extension property that marks a user task urgent; its value is the subject's prefix. */
  public static final String URGENT = "urgentMail";

  /**
   * The tasks diagrams deployed before the {@code urgentMail} property marked urgent (used only
   * for a diagram that marks none, such as a case still running on such a version).
   */
  static final Map<String, String> ALWAYS = Map.of(
      "Task_SuperviseMissedDeadline", "逾期督辦",
      "Task_SuperiorHandles", "投訴上報",
      "Task_SeniorHandles", "投訴上報",
      "Task_HandOverKey", "鑰匙封存待交還",
      "Task_ConfirmKeyOwner", "鑰匙領取人待確認",
      "Task_AcknowledgeFireReport", "火警",
      "Task_PrepareMonthlyReport", "月報待填寫",
      "Task_ReviewMonthlyReport", "月報待審閱",
      "Task_SuperviseMonthlyReport", "月報逾期");

  /** Task → groups told besides its candidates (the director hears the report is overdue). */
  static final Map<String, List<String>> ALSO = Map.of(
      "Task_SuperviseMonthlyReport", List.of("office-director"));

  private final Notifier notifier;
  private final MailProperties properties;
  private final com.wuye.workflow.forms.StaffText text;

  public NewTaskMail(Notifier notifier, MailProperties properties,
      com.wuye.workflow.forms.StaffText text) {
    this.notifier = notifier;
    this.properties = properties;
    this.text = text;
  }

  @Override
  public void preInit(SpringProcessEngineConfiguration configuration) {
    List<org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener> listeners =
        configuration.getCustomPostBPMNParseListeners() == null ? new ArrayList<>()
            : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
    listeners.add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
            .addTaskListener(TaskListener.EVENTNAME_CREATE, NewTaskMail.this);
      }
    });
    configuration.setCustomPostBPMNParseListeners(listeners);
  }

  @Override
  public void notify(DelegateTask task) {
    Set<String> candidateGroups = new java.util.LinkedHashSet<>();
    task.getCandidates().forEach(link -> {
      if (link.getGroupId() != null) {
        candidateGroups.add(link.getGroupId());
      }
    });
    String prefix = urgentPrefix(task);
    List<String> groups = new ArrayList<>(candidateGroups.stream()
        .filter(g -> prefix != null || properties.getNewTaskGroups().contains(g)).toList());
    ALSO.getOrDefault(task.getTaskDefinitionKey(), List.of()).forEach(groups::add);
    if (groups.isEmpty()) {
      return;
    }
    String reference = reference(task);
    String subject = "[" + (prefix == null ? "新任務" : prefix) + "] " + task.getName()
        + (reference.isEmpty() ? "" : " — " + reference);
    StringBuilder body = new StringBuilder();
    body.append(prefix == null ? "您的群組有一項新任務:" : "您的群組有一項緊急任務,請立即處理:")
        .append(task.getName()).append("\n\n");
    if (!reference.isEmpty()) {
      body.append("個案:").append(reference).append("\n");
    }
    String place = place(task);
    if (!place.isEmpty()) {
      body.append("地點:").append(place).append("\n");
    }
    Object missed = task.getVariable("missedDeadlineLabel");
    if (missed != null) {
      body.append("逾期的期限:").append(missed).append("\n");
    }
    if (task.getDueDate() != null) {
      body.append("期限:").append(text.dateTime(task.getDueDate())).append("\n");
    }
    body.append("\n在 Tasklist 處理:").append(notifier.taskLink(task.getId())).append("\n");
    notifier.toGroups(groups, task.getTenantId(), "task:" + task.getId(), subject, body.toString(),
        task.getProcessInstanceId());
  }

  /**
   * The subject's prefix of an urgent task: its {@code urgentMail} property; for a diagram that
   * marks no task so (deployed before the property), the tasks it was known to be urgent for.
   */
  /** Per deployed diagram, whether it marks any task urgent (read once, not at every task). */
  private static final java.util.Map<String, Boolean> MARKS_ANY =
      new java.util.concurrent.ConcurrentHashMap<>();

  static String urgentPrefix(DelegateTask task) {
    var element = task.getBpmnModelElementInstance();
    if (element == null) {
      return ALWAYS.get(task.getTaskDefinitionKey());
    }
    String own = propertyOf(element, URGENT);
    if (own != null && !own.isBlank()) {
      return own.trim();
    }
    boolean diagramMarksAny = MARKS_ANY.computeIfAbsent(task.getProcessDefinitionId(),
        definition -> element.getModelInstance().getModelElementsByType(
            org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty.class).stream()
            .anyMatch(p -> URGENT.equals(p.getCamundaName())));
    return diagramMarksAny ? null : ALWAYS.get(task.getTaskDefinitionKey());
  }

  static String propertyOf(org.camunda.bpm.model.bpmn.instance.BaseElement element, String name) {
    if (element.getExtensionElements() == null) {
      return null;
    }
    return element.getExtensionElements().getElementsQuery()
        .filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties.class).list()
        .stream().flatMap(p -> p.getCamundaProperties().stream())
        .filter(p -> name.equals(p.getCamundaName())).map(p -> p.getCamundaValue())
        .findFirst().orElse(null);
  }

  /** Community, building and unit of the case, as far as it has them. */
  static String place(DelegateTask task) {
    List<String> parts = new ArrayList<>();
    for (String name : new String[] {"community", "building", "unit"}) {
      Object value = task.getVariable(name);
      if (value != null && !value.toString().isBlank()) {
        parts.add(value.toString());
      }
    }
    return String.join(" ", parts);
  }

  /** The complaint number, or the unit, or the report month: what the case is called. */
  private static String reference(DelegateTask task) {
    return reference(task::getVariable);
  }

  /** The names the reference is made of (read with one query where they are fetched at once). */
  static final List<String> REFERENCE = List.of("complaintNo", "reportMonth", "community",
      "building", "unit");

  /** The reference from the case's variables, however they are read. */
  static String reference(java.util.function.Function<String, Object> variable) {
    List<String> parts = new ArrayList<>();
    for (String name : REFERENCE) {
      Object value = variable.apply(name);
      if (value != null && !value.toString().isBlank()) {
        parts.add(name.equals("reportMonth") ? com.wuye.workflow.forms.StaffText.month(
            java.time.YearMonth.parse(value.toString())) : value.toString());
      }
    }
    return String.join(" ", parts);
  }

}
