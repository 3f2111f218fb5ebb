package com.wuye.workflow.complaint;

import static com.wuye.workflow.complaint.ComplaintVariables.*;

import com.wuye.workflow.dutylog.DutyLog;
import com.wuye.workflow.forms.StaffText;
import com.wuye.workflow.notification.Notifier;
import com.wuye.workflow.security.CurrentUser;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
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
      Date due = deadline.due(execution);
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

  /** The late task was done at last: its recorded misses get their completion time. */
  @Bean("deadlines")
  TaskListener deadlineTracker(ComplaintRecords records) {
    return (DelegateTask task) ->
        records.missedTaskCompleted(task.getProcessInstanceId(), task.getTaskDefinitionKey());
  }

  /** 填寫工作傳簽單 (CP-7.8): the handler cannot resolve it; the slip goes up. */
  @Bean("writeCirculationSlip")
  JavaDelegate writeCirculationSlip(ComplaintRecords records, CurrentUser currentUser) {
    return execution -> execution.setVariable(CIRCULATION_SLIP_ID, records.insertSlip(
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
      Deadline.CENTER_12H.startFrom(execution, ClockUtil.getCurrentTime());
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

  /**
   * 立即通報管理處主任、主管副總經理及投訴處理中心 (CP-8.1): the moment the fifth household's
   * complaint is received, the office director, the deputy GM and the complaint centre are
   * mailed; the director's task to organise the handling and the deputy GM's and the centre's
   * tasks to acknowledge it follow in the same minute.
   */
  @Bean("notifyCollectiveComplaint")
  JavaDelegate notifyCollectiveComplaint(DutyLog dutyLog, Notifier notifier, StaffText text) {
    return execution -> {
      String caseNo = (String) execution.getVariable(COLLECTIVE_CASE_NO);
      String what = execution.getVariable(COMMUNITY) + " " + execution.getVariable(MATTER);
      notifier.toGroups(List.of("office-director", "deputy-gm", "complaint-center"),
          execution.getTenantId(), "collective:" + caseNo, "[集體投訴] " + what + "(" + caseNo + ")",
          "集體投訴事件:" + what + "\n集體投訴編號:" + caseNo + "\n報告時間:"
              + text.dateTime(ClockUtil.getCurrentTime()) + "\n\n管理處主任須立即與相關業戶聯系,"
              + "約定回復時間,組織處理並填寫《特別事故報告》;主管副總經理及公司客戶投訴處理中心"
              + "請在工作清單確認知悉。",
          execution.getProcessInstanceId());
      execution.setVariable(COLLECTIVE_INFORMED_GROUPS,
          new java.util.ArrayList<>(List.of("deputy-gm", "complaint-center")));
      dutyLog.write(execution, "通報集體投訴", "集體投訴 " + caseNo + "(" + what
          + ")已通報管理處主任、主管副總經理及公司客戶投訴處理中心", null);
    };
  }

  /**
   * 提醒上級處理 (CP-7.8, CP-8.2): the level an escalated complaint waits at is reminded, with
   * the deadline of the resident's reply, once per reminder.
   */
  @Bean("remindEscalatedComplaint")
  JavaDelegate remindEscalatedComplaint(@Lazy org.camunda.bpm.engine.TaskService tasks,
      Notifier notifier, StaffText text) {
    return execution -> {
      String complaintNo = (String) execution.getVariable(COMPLAINT_NO);
      Date replyDue = Deadline.REPLY_DUE.due(execution);
      for (var task : tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
          .taskDefinitionKeyIn(ESCALATION_LEVELS.keySet().toArray(String[]::new)).list()) {
        String group = ESCALATION_LEVELS.get(task.getTaskDefinitionKey());
        notifier.toGroups(List.of(group), execution.getTenantId(), "escalation-reminder:"
                + complaintNo + ":" + task.getId() + ":" + ClockUtil.getCurrentTime().getTime(),
            "[上報投訴待處理] " + complaintNo + " " + task.getName(),
            "投訴 " + complaintNo + "(" + execution.getVariable(COMMUNITY) + " "
                + execution.getVariable(MATTER) + ")已提交" + text.group(group) + "處理,自 "
                + text.dateTime(task.getCreateTime()) + " 起仍未有處理結果。\n回復業戶的期限:"
                + text.dateTime(replyDue) + "。請盡快處理,結果填寫在《工作傳簽單》上。",
            execution.getProcessInstanceId());
      }
    };
  }

  /** The user tasks of the escalation chain and the group each one waits for. */
  static final Map<String, String> ESCALATION_LEVELS = Map.of(
      "Task_SuperiorHandles", "office-director",
      "Task_DeputyGmHandles", "deputy-gm",
      "Task_GeneralManagerHandles", "general-manager",
      "Task_ComplaintCenterHelps", "complaint-center");

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
      // CP-8.1: the special incident report's outcome: the reply visits done and their opinion
      List<Map<String, Object>> households = records.complaintsOfCollectiveCase(caseNo);
      long visited = 0;
      long satisfied = 0;
      for (Map<String, Object> household : households) {
        var visits = records.visits((String) household.get("COMPLAINT_NO"));
        if (!visits.isEmpty()) {
          visited++;
          if (Boolean.TRUE.equals(visits.get(visits.size() - 1).get("SATISFIED"))) {
            satisfied++;
          }
        }
      }
      records.completeSpecialIncidentReport(caseNo, "共 " + households.size() + " 戶;已上門回復 "
          + visited + " 戶,其中 " + satisfied + " 戶滿意。");
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
