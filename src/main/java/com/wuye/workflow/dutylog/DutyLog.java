package com.wuye.workflow.dutylog;

import com.wuye.workflow.forms.FormCatalog;
import com.wuye.workflow.security.CurrentUser;
import java.time.LocalDateTime;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.stereotype.Component;

/**
 * Writes the duty log (值班記錄表, UD-3, CP-6.1, CP-6.2, CP-7.7, CP-9). Attached in the diagrams
 * as {@code ${dutyLog}}: on a user task's completion it records the task's name and what was
 * entered in its form, in the form's own words; on a start event the report as received; on an
 * end event the outcome reached.
 */
@Component("dutyLog")
public class DutyLog implements TaskListener, ExecutionListener {

  private final DutyLogRepository repository;
  private final FormCatalog forms;
  private final CurrentUser currentUser;

  public DutyLog(DutyLogRepository repository, FormCatalog forms, CurrentUser currentUser) {
    this.repository = repository;
    this.forms = forms;
    this.currentUser = currentUser;
  }

  @Override
  public void notify(DelegateTask task) {
    UserTask element = (UserTask) task.getBpmnModelElementInstance();
    String formId = element == null ? null : element.getCamundaFormRef();
    String summary = formId == null ? "" : forms.describe(formId, task.getVariables());
    // the authenticated user who completed the task; the assignee only when nobody is (a test
    // or a service completing it on the engine's own thread)
    String who = currentUser.id() != null ? currentUser.id() : task.getAssignee();
    write(task.getExecution(), task.getName(), summary.isEmpty() ? "已完成" : summary, who);
  }

  @Override
  public void notify(DelegateExecution execution) {
    FlowElement element = execution.getBpmnModelElementInstance();
    String name = element == null ? execution.getCurrentActivityName() : element.getName();
    String summary = "";
    if (element instanceof StartEvent start && start.getCamundaFormRef() != null) {
      summary = forms.describe(start.getCamundaFormRef(), execution.getVariables());
    } else if (element instanceof org.camunda.bpm.model.bpmn.instance.FlowNode node) {
      // the step that registers a case started from a form (登記投訴並編號) writes the case's
      // first entry: the start form as received, under the start event's name, with the number
      for (var incoming : node.getIncoming()) {
        if (incoming.getSource() instanceof StartEvent start && start.getCamundaFormRef() != null) {
          name = start.getName();
          summary = forms.describe(start.getCamundaFormRef(), execution.getVariables());
        }
      }
    }
    write(execution, name, summary.isEmpty() ? name : summary, currentUser.id());
  }

  /** An entry of the caller's own making (escalations, records written by services). */
  public void write(DelegateExecution execution, String entryType, String summary, String who) {
    repository.insert(LocalDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(),
            java.time.ZoneId.systemDefault()), execution.getTenantId(),
        text(execution, "community"), text(execution, "building"), text(execution, "unit"),
        processKey(execution), execution.getProcessInstanceId(),
        execution.getProcessBusinessKey(), truncate(entryType, 100), truncate(summary, 4000), who);
  }

  /** The process's key, from the diagram (a definition id is not always "key:version:id"). */
  private static String processKey(DelegateExecution execution) {
    org.camunda.bpm.model.xml.instance.ModelElementInstance element =
        execution.getBpmnModelElementInstance();
    while (element != null && !(element instanceof org.camunda.bpm.model.bpmn.instance.Process)) {
      element = element.getParentElement();
    }
    return element == null ? "" : ((org.camunda.bpm.model.bpmn.instance.Process) element).getId();
  }

  private static String text(DelegateExecution execution, String name) {
    Object value = execution.getVariable(name);
    return value == null ? null : truncate(value.toString(), 100);
  }

  private static String truncate(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }
}
