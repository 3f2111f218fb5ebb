package com.wuye.workflow.complaint;

import static com.wuye.workflow.complaint.ComplaintVariables.*;

import com.wuye.workflow.forms.FormValues;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * {@code ${complaintChecks}}: what complaint diagrams deployed before the checks and the steps
 * were parted call on their start event and at the end of every user task, checks and effects
 * in one listener. Cases started on those versions run for weeks after an upgrade; this keeps
 * them going by running, for each of their steps, the same check and the same named steps the
 * current diagram shows. Remove it once no case of such a version is left (Cockpit: process
 * definition versions of ComplaintProcess with running instances); the current diagram does not
 * use it.
 */
@Component("complaintChecks")
class EarlierComplaintDiagrams implements ExecutionListener {

  private final ComplaintChecks checks;
  private final ComplaintRecords records;
  private final com.wuye.workflow.security.CurrentUser currentUser;
  private final JavaDelegate registerComplaint;
  private final JavaDelegate detectCollectiveComplaint;
  private final ExecutionListener recordHandling;
  private final ExecutionListener applySuggestedClassification;
  private final ExecutionListener recordClassification;
  private final ExecutionListener recordAgreedReplyTime;
  private final ExecutionListener recordReply;
  private final ExecutionListener recordSlipEntry;
  private final ExecutionListener recordSpecialIncidentReport;
  private final ExecutionListener recordHouseholdVisit;
  private final ExecutionListener recordFollowUp;

  EarlierComplaintDiagrams(ComplaintChecks checks, ComplaintRecords records,
      com.wuye.workflow.security.CurrentUser currentUser,
      @Qualifier("registerComplaint") JavaDelegate registerComplaint,
      @Qualifier("detectCollectiveComplaint") JavaDelegate detectCollectiveComplaint,
      @Qualifier("recordHandling") ExecutionListener recordHandling,
      @Qualifier("applySuggestedClassification") ExecutionListener applySuggestedClassification,
      @Qualifier("recordClassification") ExecutionListener recordClassification,
      @Qualifier("recordAgreedReplyTime") ExecutionListener recordAgreedReplyTime,
      @Qualifier("recordReply") ExecutionListener recordReply,
      @Qualifier("recordSlipEntry") ExecutionListener recordSlipEntry,
      @Qualifier("recordSpecialIncidentReport") ExecutionListener recordSpecialIncidentReport,
      @Qualifier("recordHouseholdVisit") ExecutionListener recordHouseholdVisit,
      @Qualifier("recordFollowUp") ExecutionListener recordFollowUp) {
    this.checks = checks;
    this.records = records;
    this.currentUser = currentUser;
    this.registerComplaint = registerComplaint;
    this.detectCollectiveComplaint = detectCollectiveComplaint;
    this.recordHandling = recordHandling;
    this.applySuggestedClassification = applySuggestedClassification;
    this.recordClassification = recordClassification;
    this.recordAgreedReplyTime = recordAgreedReplyTime;
    this.recordReply = recordReply;
    this.recordSlipEntry = recordSlipEntry;
    this.recordSpecialIncidentReport = recordSpecialIncidentReport;
    this.recordHouseholdVisit = recordHouseholdVisit;
    this.recordFollowUp = recordFollowUp;
  }

  @Override
  public void notify(DelegateExecution execution) throws Exception {
    if (execution.isCanceled()) {
      return;
    }
    String activity = execution.getCurrentActivityId();
    if ("BusinessRuleTask_SuggestClassification".equals(activity)) {
      applySuggestedClassification.notify(execution);
      return;
    }
    checks.check(activity, execution, FormValues.of(execution));
    switch (activity) {
      case ComplaintChecks.START_EVENT -> {
        registerComplaint.execute(execution);
        detectCollectiveComplaint.execute(execution);
      }
      case "Task_LogOnTheSpotComplaint", "Task_LogComplaint" -> recordHandling.notify(execution);
      case "Task_ClassifyComplaint" -> recordClassification.notify(execution);
      case "Task_ContactResident" -> recordAgreedReplyTime.notify(execution);
      case "Task_HandleValidComplaint", "Task_ReplyAfterOnTheSpot", "Task_ReplyToResident",
          "Task_ExplainToResident" -> recordReply.notify(execution);
      case "Task_SuperiorHandles" -> {
        // those versions send the director's choice to one task for every senior level
        execution.setVariable("seniorGroup", switch (FormValues.of(execution)
            .text("escalateFurther")) {
          case "DEPUTY_GM" -> "deputy-gm";
          case "GENERAL_MANAGER" -> "general-manager";
          case "COMPLAINT_CENTER" -> "complaint-center";
          default -> "";
        });
        recordSlipEntry.notify(execution);
      }
      case "Task_SeniorHandles" -> recordSeniorResult(execution);
      case "Task_OrganiseCollectiveHandling" -> recordSpecialIncidentReport.notify(execution);
      case "Task_VisitHousehold" -> recordHouseholdVisit.notify(execution);
      case "Task_FollowUpUntilSatisfied" -> recordFollowUp.notify(execution);
      default -> {
        // checked above; these steps record nothing beyond their duty-log entry
      }
    }
  }

  /** Those versions' one senior task: its result on the slip, back to the handler. */
  private void recordSeniorResult(DelegateExecution execution) {
    Object slipId = execution.getVariable(CIRCULATION_SLIP_ID);
    if (slipId != null) {
      records.addSlipEntry(((Number) slipId).longValue(), currentUser.id(),
          (String) execution.getVariable("seniorGroup"),
          FormValues.of(execution).text("seniorResult"), "RESOLVED",
          ComplaintSteps.SlipLevel.HANDLER);
    }
  }
}
