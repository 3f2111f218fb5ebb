package com.wuye.workflow.steps;

import com.wuye.workflow.dutylog.DutyLog;
import com.wuye.workflow.forms.StaffText;
import com.wuye.workflow.notification.Notifier;
import com.wuye.workflow.office.Offices;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The general steps a process owner adds from Camunda Modeler's element templates
 * ({@code processes/.camunda/element-templates/steps.json}): a duty-log entry, a mail to a group
 * of the case's office, and the report of a step that is overdue. Each reads the fields of its
 * template as the step's input parameters; the deployment check has already made sure they are
 * there and allowed.
 */
@Configuration
class TemplateSteps {

  /** 寫入值班記錄: a line in the case's office's duty log, of the type and text the step says. */
  @Bean("writeDutyLog")
  JavaDelegate writeDutyLog(DutyLog dutyLog) {
    return execution -> dutyLog.write(execution, required(execution, "entryType"),
        required(execution, "summary"), null);
  }

  /**
   * 電郵通知組別: the group's members of the case's office (a company group's every member),
   * through the outbox, once per visit of the step.
   */
  @Bean("mailOfficeGroup")
  JavaDelegate mailOfficeGroup(Notifier notifier, Offices offices) {
    return execution -> {
      String group = required(execution, "group");
      notifier.toGroups(List.of(group), execution.getTenantId(),
          "step:" + execution.getActivityInstanceId(), required(execution, "subject"),
          required(execution, "message") + footer(execution, offices),
          execution.getProcessInstanceId());
    };
  }

  /**
   * 逾期上報上級: a step was not done in time — a 逾期上報 line in the duty log, a mail to the
   * group it goes up to, and {@code escalatedTo} for the task that follows.
   */
  @Bean("escalateOverdue")
  JavaDelegate escalateOverdue(DutyLog dutyLog, Notifier notifier, Offices offices,
      StaffText text) {
    return execution -> {
      String group = required(execution, "escalateTo");
      String step = required(execution, "overdueStep");
      dutyLog.write(execution, "逾期上報", step + " 未能按時完成,已上報" + text.group(group), null);
      notifier.toGroups(List.of(group), execution.getTenantId(),
          "escalate:" + execution.getActivityInstanceId(), "[逾期上報] " + step,
          step + " 未能按時完成,現上報" + text.group(group) + "跟進。" + footer(execution, offices),
          execution.getProcessInstanceId());
      execution.setVariable("escalatedTo", group);
    };
  }

  private static String footer(DelegateExecution execution, Offices offices) {
    String office = execution.getTenantId() == null ? "" : offices.name(execution.getTenantId());
    String number = execution.getProcessBusinessKey();
    return "\n\n" + office + (number == null ? "" : " 個案編號 " + number);
  }

  /**
   * A field of the step's template. An expression in it that comes out empty (a variable not
   * set) stops the step with an incident naming the field, rather than writing an empty record.
   */
  private static String required(DelegateExecution execution, String name) {
    Object value = execution.getVariableLocal(name);
    if (value == null || value.toString().isBlank()) {
      throw new IllegalStateException("步驟「" + execution.getCurrentActivityName() + "」的「"
          + name + "」是空的");
    }
    return value.toString();
  }
}
