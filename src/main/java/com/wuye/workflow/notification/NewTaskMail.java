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
 * Mails the candidate groups of a new task: always for the tasks people must not miss — an
 * escalation (a missed deadline, a complaint passed up), a sealed key waiting for its owner,
 * a fire reported, the monthly report due or overdue — and, for the groups listed in
 * {@code wuye.mail.new-task-groups}, for every new task. Attached to every user task by a parse
 * listener, so process owners need not wire it into each diagram.
 */
@Component
public class NewTaskMail extends AbstractCamundaConfiguration implements TaskListener {

  /** Task → the subject's prefix; these are always mailed. */
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
    String prefix = ALWAYS.get(task.getTaskDefinitionKey());
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
    body.append("您的群組有一項新任務:").append(task.getName()).append("\n\n");
    if (!reference.isEmpty()) {
      body.append("個案:").append(reference).append("\n");
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

  /** The complaint number, or the unit, or the report month: what the case is called. */
  private static String reference(DelegateTask task) {
    List<String> parts = new ArrayList<>();
    for (String name : new String[] {"complaintNo", "reportMonth", "community", "building", "unit"}) {
      Object value = task.getVariable(name);
      if (value != null && !value.toString().isBlank()) {
        parts.add(name.equals("reportMonth") ? com.wuye.workflow.forms.StaffText.month(
            java.time.YearMonth.parse(value.toString())) : value.toString());
      }
    }
    return String.join(" ", parts);
  }

}
