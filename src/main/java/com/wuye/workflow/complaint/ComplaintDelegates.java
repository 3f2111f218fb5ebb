package com.wuye.workflow.complaint;

import static com.wuye.workflow.complaint.ComplaintVariables.*;

import com.wuye.workflow.dutylog.DutyLog;
import com.wuye.workflow.forms.StaffText;
import com.wuye.workflow.notification.Notifier;
import com.wuye.workflow.security.CurrentUser;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * The service tasks of the complaint process. Each is thin: read variables, write a record,
 * set the variables the diagram goes on with.
 */
@Configuration
class ComplaintDelegates {

  private static final Logger LOG = LoggerFactory.getLogger(ComplaintDelegates.class);

  /** 記錄逾期並上報上級: a deadline passed (CP-7.8, CP-8.2); the task it was on stays open. */
  @Bean("deadlineMissed")
  JavaDelegate deadlineMissed(ComplaintRecords records, DutyLog dutyLog, StaffText text,
      Notifier notifier) {
    return execution -> {
      Deadline deadline = Deadline.valueOf((String) execution.getVariable(MISSED_DEADLINE));
      Date due = (Date) execution.getVariable(dueVariable(deadline));
      String complaintNo = (String) execution.getVariable(COMPLAINT_NO);
      // back at a task whose deadline had already passed (returned by the superior, a loop):
      // the same deadline is missed once, recorded and supervised once
      boolean first = !records.missRecorded(complaintNo, deadline, due);
      execution.setVariableLocal("firstMissOfDeadline", first);
      // set either way: a case on a diagram version before the first-miss gateway still goes
      // on to its 督辦 task, as it did then
      execution.setVariableLocal(ESCALATE_TO, deadline.escalateTo());
      execution.setVariableLocal("missedDeadlineLabel", deadline.label());
      execution.setVariableLocal("missedDeadlineDue", due);
      if (!first) {
        LOG.info("Deadline {} ({}) due {} was missed before; not recorded again", deadline,
            deadline.taskKey(), due);
        return;
      }
      records.insertMiss(complaintNo, execution.getProcessInstanceId(), deadline, due);
      LOG.info("Deadline {} ({}) missed, due {}; escalated to {}", deadline, deadline.taskKey(),
          due, deadline.escalateTo());
      dutyLog.write(execution, "逾期上報", deadline.label() + " 已逾期(期限 "
          + text.dateTime(due) + "),已上報" + text.group(deadline.escalateTo()), null);
      if (deadline.tellsComplaintCenter()) {
        notifier.toGroups(java.util.List.of("complaint-center"), execution.getTenantId(),
            "center-report-late:" + complaintNo, "[投訴結果逾期未報] " + complaintNo,
            "貴中心轉交的投訴 " + complaintNo + " 已處理完畢,但處理結果未能在處理完畢後十二小時內(期限 "
                + text.dateTime(due) + ")報回貴中心;已上報" + text.group(deadline.escalateTo())
                + "督辦。", execution.getProcessInstanceId());
      }
    };
  }

  static String dueVariable(Deadline deadline) {
    return switch (deadline) {
      case REPORT_1H -> ON_SPOT_REPORT_DUE;
      case REPLY_ON_SPOT_2H -> ON_SPOT_REPLY_DUE;
      case CONTACT_2H -> CONTACT_DUE;
      case REPLY_DUE -> ComplaintVariables.REPLY_DUE;
      case INVALID_REPLY_2H -> INVALID_REPLY_DUE;
      case CENTER_12H -> "centerReportDue";
      case COLLECTIVE_REPLY -> COLLECTIVE_REPLY_DUE;
    };
  }

  /** The late task was done at last: its recorded misses get their completion time. */
  @Bean("deadlines")
  TaskListener deadlineTracker(ComplaintRecords records) {
    return (DelegateTask task) ->
        records.missedTaskCompleted(task.getProcessInstanceId(), task.getTaskDefinitionKey());
  }

  /** 填寫工作傳簽單 (CP-7.8): the handler cannot resolve it; the slip goes up. */
  @Bean("writeCirculationSlip")
  JavaDelegate writeCirculationSlip(ComplaintRecords records, CurrentUser currentUser) {
    return execution -> execution.setVariable("circulationSlipId", records.insertSlip(
        (String) execution.getVariable(COMPLAINT_NO), execution.getProcessInstanceId(),
        currentUser.id(), (String) execution.getVariable(COMMUNITY),
        (String) execution.getVariable("escalationReason")));
  }

  /** 記錄處理結果於值班記錄表 (CP-7.7, CP-9): the complaint is closed. */
  @Bean("closeComplaint")
  JavaDelegate closeComplaint(ComplaintRecords records, DutyLog dutyLog) {
    return execution -> {
      Boolean satisfied = (Boolean) execution.getVariable(RESIDENT_SATISFIED);
      records.close((String) execution.getVariable(COMPLAINT_NO), satisfied);
      execution.setVariable("centerReportDue",
          new Date(ClockUtil.getCurrentTime().getTime() + 12 * 3_600_000L));
      dutyLog.write(execution, "投訴處理結果", "投訴 " + execution.getVariable(COMPLAINT_NO)
          + " 已處理完畢;業戶" + (Boolean.TRUE.equals(satisfied) ? "滿意" : "未表示滿意"), null);
    };
  }

  /** 按新投訴處理 (CP-14): a new complaint linked to this one, visible from both. */
  @Bean("startReComplaint")
  JavaDelegate startReComplaint(@Lazy RuntimeService runtimeService) {
    return execution -> {
      Map<String, Object> variables = new HashMap<>();
      for (String name : new String[] {COMMUNITY, BUILDING, UNIT, RESIDENT_NAME, RESIDENT_PHONE,
          CHANNEL, WRITTEN_COMPLAINT, MATTER}) {
        variables.put(name, execution.getVariable(name));
      }
      variables.put(DESCRIPTION, "業戶對投訴 " + execution.getVariable(COMPLAINT_NO)
          + " 的處理意見不滿:" + execution.getVariable("followUpNote"));
      variables.put(RELATED_COMPLAINT_NO, execution.getVariable(COMPLAINT_NO));
      ProcessInstance next = runtimeService.startProcessInstanceByKey(PROCESS_KEY, variables);
      execution.setVariable("newComplaintNo", next.getBusinessKey());
    };
  }

  /** 通報主管副總經理及公司客戶投訴處理中心 (CP-8.1). */
  @Bean("notifyCollectiveComplaint")
  JavaDelegate notifyCollectiveComplaint(DutyLog dutyLog, Notifier notifier, StaffText text) {
    return execution -> {
      String caseNo = (String) execution.getVariable(COLLECTIVE_CASE_NO);
      String what = execution.getVariable(COMMUNITY) + " " + execution.getVariable(MATTER);
      notifier.toGroups(java.util.List.of("office-director", "deputy-gm", "complaint-center"),
          execution.getTenantId(), "collective:" + caseNo, "[集體投訴] " + what + "(" + caseNo + ")",
          "集體投訴事件:" + what + "\n集體投訴編號:" + caseNo + "\n報告時間:"
              + text.dateTime(ClockUtil.getCurrentTime()) + "\n\n管理處主任須立即通報主管副總經理和"
              + "公司客戶投訴處理中心,與相關業戶聯系,約定回復時間,組織處理並填寫《特別事故報告》。",
          execution.getProcessInstanceId());
      dutyLog.write(execution, "通報集體投訴", "集體投訴 " + caseNo + "(" + what
          + ")已通報管理處主任、主管副總經理及公司客戶投訴處理中心", null);
    };
  }

  /** 將各戶投訴併入集體投訴: the households' open complaints wait for the collective case. */
  @Bean("joinHouseholdsToCollective")
  JavaDelegate joinHouseholdsToCollective(ComplaintRecords records,
      @Lazy RuntimeService runtimeService) {
    return execution -> {
      for (Map<String, Object> complaint : records.complaintsOfCollectiveCase(
          (String) execution.getVariable(COLLECTIVE_CASE_NO))) {
        String instanceId = (String) complaint.get("PROCESS_INSTANCE_ID");
        if (!instanceId.equals(execution.getProcessInstanceId())) {
          runtimeService.createMessageCorrelation("Message_JoinedCollectiveComplaint")
              .processInstanceId(instanceId).correlateAll();
        }
      }
    };
  }

  /** 完結集體投訴: the households' complaints close with it. */
  @Bean("closeCollectiveComplaint")
  JavaDelegate closeCollectiveComplaint(ComplaintRecords records,
      @Lazy RuntimeService runtimeService) {
    return (DelegateExecution execution) -> {
      String caseNo = (String) execution.getVariable(COLLECTIVE_CASE_NO);
      records.closeCollectiveCase(caseNo);
      for (Map<String, Object> complaint : records.complaintsOfCollectiveCase(caseNo)) {
        String instanceId = (String) complaint.get("PROCESS_INSTANCE_ID");
        if (!instanceId.equals(execution.getProcessInstanceId())) {
          runtimeService.createMessageCorrelation("Message_CollectiveComplaintClosed")
              .processInstanceId(instanceId).correlateAll();
        }
      }
    };
  }
}
