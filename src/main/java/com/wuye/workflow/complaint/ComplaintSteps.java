package com.wuye.workflow.complaint;

import static com.wuye.workflow.complaint.ComplaintVariables.*;

import com.wuye.workflow.forms.FormValues;
import com.wuye.workflow.forms.StaffText;
import com.wuye.workflow.office.Offices;
import com.wuye.workflow.security.CurrentUser;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the complaint process's steps record and set, each a named delegate the diagram shows:
 * a service task (登記投訴並編號, 識別集體投訴) or an execution listener at the end of the user
 * task whose form it records, after {@link ComplaintChecks} has accepted that form.
 */
@Configuration
class ComplaintSteps {

  private final ComplaintRecords records;
  private final ComplaintProperties properties;
  private final CurrentUser currentUser;
  private final com.wuye.workflow.notification.Notifier notifier;

  ComplaintSteps(ComplaintRecords records, ComplaintProperties properties,
      CurrentUser currentUser, com.wuye.workflow.notification.Notifier notifier) {
    this.records = records;
    this.properties = properties;
    this.currentUser = currentUser;
    this.notifier = notifier;
  }

  /**
   * CP-11: the written reply is kept, and a complaint that came by e-mail gets it by mail as
   * well, in answer to the sender's message.
   */
  private void writtenReply(DelegateExecution execution, String complaintNo, String text) {
    records.insertWrittenReply(complaintNo, currentUser.id(), text);
    Map<String, Object> complaint = records.complaint(complaintNo).orElseThrow();
    String to = (String) complaint.get("EMAIL_FROM");
    if (to != null && !to.isBlank()) {
      long n = records.writtenReplies(complaintNo).size();
      notifier.toAddress(to, execution.getTenantId(), "written-reply:" + complaintNo + ":" + n,
          "投訴 " + complaintNo + " 的書面回復", text + "\n\n(投訴編號 " + complaintNo + ")",
          execution.getProcessInstanceId(), false, records.mailMessageId(complaintNo));
    }
  }

  /**
   * 登記投訴並編號 (CP-5): the complaint's record and number (the business key), its receipt
   * time, and every deadline that runs from receipt (CP-6.1, CP-7.1, CP-10.2, CP-13).
   */
  @Bean("registerComplaint")
  JavaDelegate registerComplaint() {
    return execution -> {
      FormValues form = FormValues.of(execution);
      // a complaint opened again in the right office keeps the receipt time of the one typed
      // into the wrong community (its deadlines count from then), taken from that record
      Map<String, Object> corrected = ComplaintCorrection.isReopening(execution)
          ? records.correctedAwaitingReopening((String) execution.getVariable(
              ComplaintCorrection.CORRECTED_FROM)) : null;
      String given = form.text(RECEIVED_AT);
      Date receivedAt = corrected != null
          ? new Date(((java.sql.Timestamp) corrected.get("RECEIVED_AT")).getTime())
          : given != null && !given.isEmpty()
              ? Date.from(StaffText.moment(given, properties.getTimeZone()))
              : ClockUtil.getCurrentTime();
      String receivedBy = corrected == null ? currentUser.id()
          : (String) corrected.get("RECEIVED_BY");
      String related = form.text(RELATED_COMPLAINT_NO);
      String matter = form.text(MATTER);
      String complaintNo = records.insertComplaint(new ComplaintRecords.NewComplaint(
          execution.getProcessInstanceId(), execution.getTenantId(), receivedAt, receivedBy,
          form.text(COMMUNITY), form.text(BUILDING), form.text(UNIT), form.text(RESIDENT_NAME),
          form.text(RESIDENT_PHONE), form.text(CHANNEL), form.isTrue(WRITTEN_COMPLAINT), matter,
          Matters.key(matter), form.text(DESCRIPTION), form.isTrue(HANDLED_ON_THE_SPOT),
          related == null || related.isEmpty() ? null : related), properties.getTimeZone());
      execution.setProcessBusinessKey(complaintNo);
      execution.setVariable(COMPLAINT_NO, complaintNo);
      // the printable records (/app/records) the task forms link to
      execution.setVariable(RECORD_PATH, "/app/records/complaints/" + complaintNo);
      execution.setVariable(DUTY_LOG_PATH, "/app/records/duty-log?community="
          + java.net.URLEncoder.encode(form.text(COMMUNITY), java.nio.charset.StandardCharsets.UTF_8));
      execution.setVariable(RECEIVED_AT, receivedAt);
      execution.setVariable(HANDLED_ON_THE_SPOT, form.isTrue(HANDLED_ON_THE_SPOT));
      execution.setVariable(WRITTEN_COMPLAINT, form.isTrue(WRITTEN_COMPLAINT));
      Deadline.REPORT_1H.startFrom(execution, receivedAt);
      Deadline.CONTACT_2H.startFrom(execution, receivedAt);
      Deadline.INVALID_REPLY_2H.startFrom(execution, receivedAt);
      Deadline.REPLY_DUE.dueAt(execution, SameDay.deadline(receivedAt, properties));
      execution.setVariable(PROGRESS_UPDATE_CYCLE, properties.getProgressUpdateCycle());
      execution.setVariable(RESIDENT_SATISFIED, false);
    };
  }

  /** 識別集體投訴 (CP-4): five or more households of one community on one matter at once. */
  @Bean("detectCollectiveComplaint")
  JavaDelegate detectCollectiveComplaint() {
    return execution -> {
      String office = execution.getTenantId();
      String complaintNo = (String) execution.getVariable(COMPLAINT_NO);
      String community = (String) execution.getVariable(COMMUNITY);
      String matter = (String) execution.getVariable(MATTER);
      String matterKey = Matters.key(matter);
      var openCase = records.openCollectiveCase(office, community, matterKey);
      if (openCase.isPresent()) {
        String caseNo = (String) openCase.get().get("CASE_NO");
        records.linkToCollectiveCase(complaintNo, caseNo);
        execution.setVariable(COLLECTIVE_ROLE, MEMBER);
        execution.setVariable(COLLECTIVE_CASE_NO, caseNo);
        // CP-11: a household that joins after the director organised the handling is visited
        // on its own; one that joins before is in the director's list
        boolean late = records.collectiveCaseOrganised(caseNo);
        execution.setVariable(JOINED_AFTER_ORGANISED, late);
        if (late) {
          // the household as the director's list names them, for its own visit's form
          execution.setVariable("household", complaintNo + " " + execution.getVariable(BUILDING)
              + " " + execution.getVariable(UNIT) + " " + execution.getVariable(RESIDENT_NAME)
              + " " + execution.getVariable(RESIDENT_PHONE));
        }
        return;
      }
      Date receivedAt = (Date) execution.getVariable(RECEIVED_AT);
      Date since = new Date(receivedAt.getTime() - properties.getCollectiveWindow().toMillis());
      List<Map<String, Object>> sameMatter = records.openOnMatter(office, community, matterKey,
          since);
      Set<String> households = new LinkedHashSet<>();
      sameMatter.forEach(c -> households.add(c.get("BUILDING") + " " + c.get("UNIT")));
      boolean markedByHand = Boolean.TRUE.equals(execution.getVariable(MARKED_COLLECTIVE));
      if (!markedByHand && households.size() < properties.getCollectiveHouseholds()) {
        execution.setVariable(COLLECTIVE_ROLE, NONE);
        return;
      }
      String caseNo = records.insertCollectiveCase(office, community, matter, matterKey,
          execution.getProcessInstanceId(), markedByHand);
      sameMatter.forEach(c -> records.linkToCollectiveCase((String) c.get("COMPLAINT_NO"),
          caseNo));
      execution.setVariable(COLLECTIVE_ROLE, COORDINATOR);
      execution.setVariable(COLLECTIVE_CASE_NO, caseNo);
    };
  }

  /**
   * CP-6.1 / CP-10.1: who handled the complaint and when; the two hours of the reply run from
   * then. On the spot: as reported to the office; by the duty officer: when they logged it.
   */
  @Bean("recordHandling")
  ExecutionListener recordHandling(ComplaintChecks checks) {
    return execution -> {
      if (execution.isCanceled()) {
        return;
      }
      FormValues form = FormValues.of(execution);
      Date handledAt;
      String handledBy;
      if ("Task_LogOnTheSpotComplaint".equals(execution.getCurrentActivityId())) {
        handledAt = checks.handledAt(execution, form);
        handledBy = form.text(HANDLED_BY);
      } else if (form.is("dutyOfficerHandles", "YES")) {
        handledAt = ClockUtil.getCurrentTime();
        handledBy = currentUser.id();
      } else {
        return;
      }
      execution.setVariable(HANDLED_AT, handledAt);
      execution.setVariable(HANDLED_BY, handledBy);
      Deadline.REPLY_ON_SPOT_2H.startFrom(execution, handledAt);
      records.recordHandling((String) execution.getVariable(COMPLAINT_NO), handledAt, handledBy);
    };
  }

  /** 建議投訴類別: the decision's suggestion preselects the supervisor's choice (CP-6.3). */
  @Bean("applySuggestedClassification")
  ExecutionListener applySuggestedClassification() {
    return execution -> {
      @SuppressWarnings("unchecked")
      Map<String, Object> suggestion = (Map<String, Object>) execution.getVariable("suggestion");
      execution.setVariable(CLASSIFICATION, suggestion.get("suggestedClassification"));
      execution.setVariable(ASSISTED_ROUTE, suggestion.get("suggestedAssistedRoute"));
      execution.removeVariable("suggestion");
    };
  }

  /** 區分投訴類別 (CP-6.3): the class goes on the complaint's record. */
  @Bean("recordClassification")
  ExecutionListener recordClassification() {
    return execution -> {
      if (!execution.isCanceled()) {
        records.classify((String) execution.getVariable(COMPLAINT_NO),
            (String) execution.getVariable(CLASSIFICATION));
      }
    };
  }

  /**
   * CP-7.1 / CP-10.2: the reply time agreed with the resident is the reply's deadline, with the
   * special circumstance when it is after the same day.
   */
  @Bean("recordAgreedReplyTime")
  ExecutionListener recordAgreedReplyTime(ComplaintChecks checks) {
    return execution -> {
      if (execution.isCanceled()) {
        return;
      }
      FormValues form = FormValues.of(execution);
      Date agreedAt = checks.agreedReplyAt(form);
      Date sameDay = SameDay.deadline((Date) execution.getVariable(RECEIVED_AT), properties);
      String reason = agreedAt.after(sameDay) ? form.text(SPECIAL_CIRCUMSTANCE) : null;
      if (reason == null) {
        execution.removeVariable(SPECIAL_CIRCUMSTANCE);
      }
      execution.setVariable(AGREED_REPLY_AT, agreedAt);
      // the agreed time's deadline runs from the agreement (its reminders count from here)
      execution.setVariable(REPLY_AGREED_AT, ClockUtil.getCurrentTime());
      Deadline.REPLY_DUE.dueAt(execution, agreedAt);
      records.recordAgreedReply((String) execution.getVariable(COMPLAINT_NO), agreedAt, reason);
    };
  }

  /**
   * CP-10.1 / CP-10.3 / CP-11: the reply's records: the signed 業戶訪問記錄 of a home visit, the
   * written reply of a written complaint, and whether the resident is satisfied.
   */
  @Bean("recordReply")
  ExecutionListener recordReply() {
    return execution -> {
      if (execution.isCanceled()) {
        return;
      }
      FormValues form = FormValues.of(execution);
      if ("Task_HandleValidComplaint".equals(execution.getCurrentActivityId())
          && !form.is("handlingOutcome", "RESOLVED")) {
        return;
      }
      boolean satisfied = form.is("residentSatisfiedAnswer", "YES");
      execution.setVariable(RESIDENT_SATISFIED, satisfied);
      String complaintNo = (String) execution.getVariable(COMPLAINT_NO);
      if (form.is("replyMethod", "VISIT")) {
        records.insertVisit(complaintNo, (String) execution.getVariable(COMMUNITY),
            currentUser.id(), "COMPLAINT_REPLY", form.text("residentOpinion"),
            form.text("residentSignature"), satisfied);
      }
      if (Boolean.TRUE.equals(execution.getVariable(WRITTEN_COMPLAINT))) {
        writtenReply(execution, complaintNo, form.text(WRITTEN_REPLY_TEXT));
      }
    };
  }

  /** 跟進業戶意見直至滿意 (CP-7.6): the resident satisfied at last closes the complaint so. */
  @Bean("recordFollowUp")
  ExecutionListener recordFollowUp() {
    return execution -> {
      if (!execution.isCanceled()
          && FormValues.of(execution).is("followUpAction", "SATISFIED")) {
        execution.setVariable(RESIDENT_SATISFIED, true);
      }
    };
  }

  /**
   * CP-7.8 / CP-8.2: each level's result is its own entry on the 工作傳簽單: who, when, what
   * they did, and to whom it went next (back to the handler when nobody else).
   */
  @Bean("recordSlipEntry")
  ExecutionListener recordSlipEntry() {
    return execution -> {
      if (execution.isCanceled()) {
        return;
      }
      Object slipId = execution.getVariable(CIRCULATION_SLIP_ID);
      if (slipId == null) {
        return;
      }
      FormValues form = FormValues.of(execution);
      SlipLevel level = SlipLevel.of(execution.getCurrentActivityId(), form);
      records.addSlipEntry(((Number) slipId).longValue(), currentUser.id(), level.group(),
          form.text(level.resultField()), level.decision(), level.nextGroup());
    };
  }

  /** One level of the escalation chain as the slip records it. */
  record SlipLevel(String group, String resultField, String decision, String nextGroup) {

    static final String HANDLER = "cs-supervisor";

    static SlipLevel of(String activity, FormValues form) {
      return switch (activity) {
        case "Task_SuperiorHandles" -> switch (form.text("escalateFurther")) {
          case "DEPUTY_GM" -> new SlipLevel("office-director", "superiorResult", "PASSED_UP",
              "deputy-gm");
          // a case on a diagram version before the whole chain: the director could send it
          // straight to the general manager
          case "GENERAL_MANAGER" -> new SlipLevel("office-director", "superiorResult",
              "PASSED_UP", "general-manager");
          case "COMPLAINT_CENTER" -> new SlipLevel("office-director", "superiorResult",
              "ASKED_CENTER", "complaint-center");
          default -> new SlipLevel("office-director", "superiorResult", "RESOLVED", HANDLER);
        };
        case "Task_DeputyGmHandles" -> form.is("deputyGmDecision", "GENERAL_MANAGER")
            ? new SlipLevel("deputy-gm", "deputyGmResult", "PASSED_UP", "general-manager")
            : new SlipLevel("deputy-gm", "deputyGmResult", "RESOLVED", HANDLER);
        case "Task_GeneralManagerHandles" -> new SlipLevel("general-manager",
            "generalManagerResult", "RESOLVED", HANDLER);
        case "Task_ComplaintCenterHelps" -> new SlipLevel("complaint-center", "centerHelpResult",
            "RESOLVED", HANDLER);
        default -> throw new IllegalStateException("ComplaintProcess: " + activity
            + " is no level of the escalation chain");
      };
    }
  }

  /** CP-8.1: the special incident report, and the households the director told. */
  @Bean("recordSpecialIncidentReport")
  ExecutionListener recordSpecialIncidentReport(ComplaintChecks checks) {
    return execution -> {
      if (execution.isCanceled()) {
        return;
      }
      FormValues form = FormValues.of(execution);
      Date agreedAt = checks.agreedReplyAt(form);
      Deadline.COLLECTIVE_REPLY.dueAt(execution, agreedAt);
      String caseNo = (String) execution.getVariable(COLLECTIVE_CASE_NO);
      List<Map<String, Object>> complaints = records.complaintsOfCollectiveCase(caseNo);
      records.insertSpecialIncidentReport(caseNo, (String) execution.getVariable(COMMUNITY),
          currentUser.id(), complaints.size(), form.text("incidentDescription"),
          form.text("handlingPlan"), agreedAt);
      records.householdsTold(caseNo);
      execution.setVariable(HOUSEHOLDS, complaints.stream()
          .map(c -> c.get("COMPLAINT_NO") + " " + c.get("BUILDING") + " " + c.get("UNIT") + " "
              + c.get("RESIDENT_NAME") + " " + c.get("RESIDENT_PHONE"))
          .collect(Collectors.toCollection(ArrayList::new)));
    };
  }

  /** CP-11: a household's home visit, signed; the written reply of a written complaint. */
  @Bean("recordHouseholdVisit")
  ExecutionListener recordHouseholdVisit(com.wuye.workflow.dutylog.DutyLog dutyLog) {
    return execution -> {
      if (execution.isCanceled()) {
        return;
      }
      FormValues form = FormValues.of(execution);
      String complaintNo = visitedComplaintNo(execution);
      Map<String, Object> complaint = records.complaint(complaintNo).orElseThrow();
      records.insertVisit(complaintNo, (String) complaint.get("COMMUNITY"), currentUser.id(),
          "COLLECTIVE_REPLY", form.text("residentOpinion"), form.text("residentSignature"),
          form.is("residentSatisfiedAnswer", "YES"));
      // a household that joined late is told of the handling at its visit
      records.householdTold(complaintNo);
      // CP-9: every household's result in the duty log, naming the household
      dutyLog.write(execution, "上門回復業戶", "集體投訴 " + execution.getVariable(COLLECTIVE_CASE_NO)
          + ":業戶 " + complaint.get("BUILDING") + " " + complaint.get("UNIT") + "(投訴 "
          + complaintNo + ")意見:" + form.text("residentOpinion") + ";"
          + (form.is("residentSatisfiedAnswer", "YES") ? "滿意" : "不滿意"), currentUser.id());
      if (Boolean.TRUE.equals(complaint.get("WRITTEN"))) {
        writtenReply(execution, complaintNo, form.text(WRITTEN_REPLY_TEXT));
      }
    };
  }

  /**
   * The complaint a household visit is for: the director's list names it (complaint number
   * first); a household that joined late is visited from its own complaint.
   */
  static String visitedComplaintNo(DelegateExecution execution) {
    Object household = execution.getVariable("household");
    if (household instanceof String h && h.indexOf(' ') > 0) {
      return h.substring(0, h.indexOf(' '));
    }
    return (String) execution.getVariable(COMPLAINT_NO);
  }
}
