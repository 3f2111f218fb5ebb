package com.wuye.workflow.complaint;

import static com.wuye.workflow.complaint.ComplaintVariables.*;

import com.wuye.workflow.forms.FormInputException;
import com.wuye.workflow.forms.FormValues;
import com.wuye.workflow.office.Offices;
import com.wuye.workflow.security.CurrentUser;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * The complaint process's forms checked on the server, and what each step records. On the
 * start event: the start contract (CP-5), the complaint's number and record, its deadlines
 * (CP-6.1, CP-7.1, CP-10.2, CP-13) and collective detection (CP-4). On the end of each user
 * task: what its form submitted. Execution listeners, so that a refusal reaches Tasklist and
 * REST as a 400 with its message and nothing of the step is kept.
 */
@Component("complaintChecks")
class ComplaintChecks implements ExecutionListener {

  static final Set<String> YES_NO = Set.of("YES", "NO");
  static final String START_EVENT = "StartEvent_ComplaintReceived";

  private final ComplaintRecords records;
  private final ComplaintProperties properties;
  private final CurrentUser currentUser;
  private final Offices offices;

  ComplaintChecks(ComplaintRecords records, ComplaintProperties properties,
      CurrentUser currentUser, Offices offices) {
    this.records = records;
    this.properties = properties;
    this.currentUser = currentUser;
    this.offices = offices;
  }

  /**
   * The start contract, shared with the REST API's check before an instance is created; returns
   * the receipt time given at the start, or null for now. A receipt time given by a person
   * (Tasklist, REST) may lie at most {@link ComplaintVariables#RECEIPT_MAX_AGE} back; the
   * application's own starts carry the true one, however old ({@code maxAge}).
   */
  static Date checkReceived(FormValues form, Offices offices, java.time.ZoneId zone,
      java.time.Duration maxAge) {
    Date given = form.optionalRecentMoment(RECEIVED_AT, "收到投訴的時間", zone,
        ClockUtil.getCurrentTime(), maxAge);
    form.requireCommunity(COMMUNITY, "小區", offices)
        .requireText(BUILDING, "樓棟").requireLength(BUILDING, "樓棟", 50)
        .requireUnit(UNIT, "單位(房號)")
        .requireText(RESIDENT_NAME, "業戶姓名").requireLength(RESIDENT_NAME, "業戶姓名", 100)
        .requirePhone(RESIDENT_PHONE, "業戶聯系電話")
        .requireOneOf(CHANNEL, "投訴渠道", CHANNELS)
        .requireBoolean(WRITTEN_COMPLAINT, "書面投訴")
        .requireText(MATTER, "投訴事項").requireLength(MATTER, "投訴事項", 200)
        .requireText(DESCRIPTION, "投訴內容")
        .optionalBoolean(HANDLED_ON_THE_SPOT, "已當場處理")
        .optionalBoolean(MARKED_COLLECTIVE, "集體投訴");
    if (form.isTrue(HANDLED_ON_THE_SPOT)) {
      form.requireText(ON_THE_SPOT_RESULT, "當場處理結果");
    }
    return given;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String activity = execution.getCurrentActivityId();
    if (START_EVENT.equals(activity)) {
      received(execution);
    } else if (!execution.isCanceled()) {
      completed(activity, execution, FormValues.of(execution));
    }
  }

  private void received(DelegateExecution execution) {
    FormValues form = FormValues.of(execution);
    // every clock "from receipt" runs from this moment (CP-6.1, CP-7.1, CP-10.2, CP-13)
    Date given = checkReceived(form, offices, properties.getTimeZone(),
        currentUser.id() != null ? RECEIPT_MAX_AGE : java.time.Duration.ofDays(36_500));
    String related = form.text(RELATED_COMPLAINT_NO);
    if (related != null && !related.isEmpty()
        && !records.existsInOffice(related, execution.getTenantId())) {
      throw new FormInputException(RELATED_COMPLAINT_NO, "沒有投訴編號「" + related + "」。");
    }
    // a complaint opened again in the right office keeps the receipt time of the one typed
    // into the wrong community (its deadlines count from then), taken from that record
    Map<String, Object> corrected = ComplaintCorrection.isReopening(execution)
        ? records.correctedAwaitingReopening((String) execution.getVariable(
            ComplaintCorrection.CORRECTED_FROM)) : null;
    Date receivedAt = corrected != null
        ? new Date(((java.sql.Timestamp) corrected.get("RECEIVED_AT")).getTime())
        : given != null ? given : ClockUtil.getCurrentTime();
    String receivedBy = corrected == null ? currentUser.id() : (String) corrected.get("RECEIVED_BY");
    boolean onTheSpot = form.isTrue(HANDLED_ON_THE_SPOT);
    String matter = form.text(MATTER);
    String matterKey = Matters.key(matter);
    String complaintNo = records.insertComplaint(new ComplaintRecords.NewComplaint(
        execution.getProcessInstanceId(), execution.getTenantId(), receivedAt, receivedBy,
        form.text(COMMUNITY),
        form.text(BUILDING), form.text(UNIT), form.text(RESIDENT_NAME), form.text(RESIDENT_PHONE),
        form.text(CHANNEL), form.isTrue(WRITTEN_COMPLAINT), matter, matterKey,
        form.text(DESCRIPTION), onTheSpot, related == null || related.isEmpty() ? null : related),
        properties.getTimeZone());
    execution.setProcessBusinessKey(complaintNo);
    execution.setVariable(COMPLAINT_NO, complaintNo);
    execution.setVariable(RECEIVED_AT, receivedAt);
    execution.setVariable(HANDLED_ON_THE_SPOT, onTheSpot);
    execution.setVariable(WRITTEN_COMPLAINT, form.isTrue(WRITTEN_COMPLAINT));
    execution.setVariable(ON_SPOT_REPORT_DUE, plusHours(receivedAt, 1));
    execution.setVariable(ON_SPOT_REPLY_DUE, plusHours(receivedAt, 2));
    execution.setVariable(CONTACT_DUE, plusHours(receivedAt, 2));
    execution.setVariable(INVALID_REPLY_DUE, plusHours(receivedAt, 2));
    execution.setVariable(REPLY_DUE, SameDay.deadline(receivedAt, properties));
    execution.setVariable(PROGRESS_UPDATE_CYCLE, properties.getProgressUpdateCycle());
    execution.setVariable(RESIDENT_SATISFIED, false);
    detectCollective(execution, complaintNo, form.text(COMMUNITY), matter, matterKey, receivedAt,
        form.isTrue(MARKED_COLLECTIVE));
  }

  /** CP-4: five or more households of one community on one matter at the same time. */
  private void detectCollective(DelegateExecution execution, String complaintNo, String community,
      String matter, String matterKey, Date receivedAt, boolean markedByHand) {
    String office = execution.getTenantId();
    var openCase = records.openCollectiveCase(office, community, matterKey);
    if (openCase.isPresent()) {
      String caseNo = (String) openCase.get().get("CASE_NO");
      records.linkToCollectiveCase(complaintNo, caseNo);
      execution.setVariable(COLLECTIVE_ROLE, MEMBER);
      execution.setVariable(COLLECTIVE_CASE_NO, caseNo);
      return;
    }
    Date since = new Date(receivedAt.getTime() - properties.getCollectiveWindow().toMillis());
    List<Map<String, Object>> sameMatter = records.openOnMatter(office, community, matterKey,
        since);
    Set<String> households = new LinkedHashSet<>();
    sameMatter.forEach(c -> households.add(c.get("BUILDING") + " " + c.get("UNIT")));
    if (!markedByHand && households.size() < properties.getCollectiveHouseholds()) {
      execution.setVariable(COLLECTIVE_ROLE, NONE);
      return;
    }
    String caseNo = records.insertCollectiveCase(office, community, matter, matterKey,
        execution.getProcessInstanceId(), markedByHand);
    sameMatter.forEach(c -> records.linkToCollectiveCase((String) c.get("COMPLAINT_NO"), caseNo));
    execution.setVariable(COLLECTIVE_ROLE, COORDINATOR);
    execution.setVariable(COLLECTIVE_CASE_NO, caseNo);
  }

  private void completed(String activity, DelegateExecution execution, FormValues form) {
    switch (activity) {
      case "Task_LogOnTheSpotComplaint" -> form.requireText("dutyLogNote", "值班記錄");
      case "Task_ReplyAfterOnTheSpot", "Task_ReplyToResident" -> reply(execution, form);
      case "Task_LogComplaint" -> {
        form.requireOneOf("category", "投訴內容類別", CATEGORIES)
            .requireOneOf("dutyOfficerHandles", "值班員能否處理?", YES_NO)
            .limit("dutyLogNote", "值班記錄");
        if (form.is("dutyOfficerHandles", "YES")) {
          form.requireText("handlingResult", "處理結果");
          execution.setVariable(ON_SPOT_REPLY_DUE, plusHours(ClockUtil.getCurrentTime(), 2));
        }
      }
      case "BusinessRuleTask_SuggestClassification" -> {
        // the decision's suggestion preselects the supervisor's choice in the form
        @SuppressWarnings("unchecked")
        Map<String, Object> suggestion = (Map<String, Object>) execution.getVariable("suggestion");
        execution.setVariable(CLASSIFICATION, suggestion.get("suggestedClassification"));
        execution.setVariable(ASSISTED_ROUTE, suggestion.get("suggestedAssistedRoute"));
        execution.removeVariable("suggestion");
      }
      case "Task_ClassifyComplaint" -> {
        form.requireOneOf(CLASSIFICATION, "投訴類別", CLASSIFICATIONS);
        if (form.is(CLASSIFICATION, "ASSISTED")) {
          form.requireOneOf(ASSISTED_ROUTE, "協助處理方式", ASSISTED_ROUTES);
        }
        records.classify((String) execution.getVariable(COMPLAINT_NO), form.text(CLASSIFICATION));
      }
      case "Task_ContactResident" -> {
        form.requireText("contactNote", "聯系記錄");
        String agreed = form.text(AGREED_REPLY_AT);
        if (agreed != null && !agreed.isEmpty()) {
          Date agreedAt = futureDateTime(AGREED_REPLY_AT, "約定回復時間", agreed);
          execution.setVariable(AGREED_REPLY_AT, agreedAt);
          execution.setVariable(REPLY_DUE, agreedAt);
        }
      }
      case "Task_HandleValidComplaint" -> {
        form.requireOneOf("handlingOutcome", "處理情況", Set.of("RESOLVED", "BEYOND_MY_POWER"));
        if (form.is("handlingOutcome", "BEYOND_MY_POWER")) {
          form.requireText("escalationReason", "無能為力的原因");
        } else {
          form.requireText("handlingResult", "處理結果");
          reply(execution, form);
        }
      }
      case "Task_SuperiorHandles" -> {
        form.requireText("superiorResult", "處理結果")
            .requireOneOf("escalateFurther", "是否需再上報?",
                Set.of("NONE", "DEPUTY_GM", "GENERAL_MANAGER", "COMPLAINT_CENTER"));
        execution.setVariable("seniorGroup", switch (form.text("escalateFurther")) {
          case "DEPUTY_GM" -> "deputy-gm";
          case "GENERAL_MANAGER" -> "general-manager";
          case "COMPLAINT_CENTER" -> "complaint-center";
          default -> "";
        });
        recordSlipResult(execution, form.text("superiorResult"), "office-director");
      }
      case "Task_SeniorHandles" -> {
        form.requireText("seniorResult", "處理結果");
        recordSlipResult(execution, form.text("seniorResult"),
            (String) execution.getVariable("seniorGroup"));
      }
      case "Task_ReportToResponsibleParty" -> form.requireText("responsibleParty", "解決部門/單位")
          .requireText("reportReference", "書面報告編號或內容");
      case "Task_FollowUpResponsibleParty" -> form.requireText("resolutionResult", "解決結果");
      case "Task_InformResidentOfProgress" -> form.requireText("progressNote", "通報內容");
      case "Task_ExplainToResident" -> {
        form.requireText("explanation", "解釋內容");
        reply(execution, form);
      }
      case "Task_FollowUpUntilSatisfied" -> {
        form.requireOneOf("followUpAction", "跟進結果",
            Set.of("SATISFIED", "MORE_MEASURES", "NEW_COMPLAINT")).requireText("followUpNote", "跟進記錄");
        if (form.is("followUpAction", "SATISFIED")) {
          execution.setVariable(RESIDENT_SATISFIED, true);
        }
      }
      case "Task_ReportResultToCenter" -> form.requireText("centerReportNote", "報告內容");
      case "Task_SuperviseMissedDeadline" -> form.requireText("supervisionNote", "督辦記錄");
      case "Task_ReportCollectiveToDirector" -> form.requireText("collectiveReportNote", "報告內容");
      case "Task_OrganiseCollectiveHandling" -> organiseCollective(execution, form);
      case "Task_VisitHousehold" -> visitHousehold(execution, form);
      default -> {
        // no checks of its own
      }
    }
  }

  /** CP-10.1 / CP-10.3 / CP-11: the reply, by home visit with a signature, or by phone. */
  private void reply(DelegateExecution execution, FormValues form) {
    form.requireOneOf("replyMethod", "回復方式", Set.of("VISIT", "PHONE"))
        .requireText("residentOpinion", "業戶對處理結果的意見")
        .requireOneOf("residentSatisfiedAnswer", "業戶是否滿意?", YES_NO);
    boolean satisfied = form.is("residentSatisfiedAnswer", "YES");
    execution.setVariable(RESIDENT_SATISFIED, satisfied);
    if (Boolean.TRUE.equals(execution.getVariable(WRITTEN_COMPLAINT))) {
      form.requireChecked("writtenReplySent", "書面投訴已同時以書面方式回復");
    }
    if (form.is("replyMethod", "VISIT")) {
      form.requireText("residentSignature", "業戶簽名");
      records.insertVisit((String) execution.getVariable(COMPLAINT_NO),
          (String) execution.getVariable(COMMUNITY), currentUser.id(), "COMPLAINT_REPLY",
          form.text("residentOpinion"), form.text("residentSignature"), satisfied);
    }
  }

  private void recordSlipResult(DelegateExecution execution, String result, String group) {
    Object slipId = execution.getVariable("circulationSlipId");
    if (slipId != null) {
      records.recordSlipResult(((Number) slipId).longValue(), currentUser.id(), group, result);
    }
  }

  /** CP-8.1: the director agrees a reply time and fills the special incident report. */
  private void organiseCollective(DelegateExecution execution, FormValues form) {
    form.requireChecked("residentsContacted", "已與相關業戶聯系")
        .requireText("incidentDescription", "事故經過")
        .requireText("handlingPlan", "處理安排");
    Date agreedAt = futureDateTime(AGREED_REPLY_AT, "約定回復時間", form.text(AGREED_REPLY_AT));
    execution.setVariable(COLLECTIVE_REPLY_DUE, agreedAt);
    String caseNo = (String) execution.getVariable(COLLECTIVE_CASE_NO);
    List<Map<String, Object>> complaints = records.complaintsOfCollectiveCase(caseNo);
    records.insertSpecialIncidentReport(caseNo, (String) execution.getVariable(COMMUNITY),
        currentUser.id(), complaints.size(), form.text("incidentDescription"),
        form.text("handlingPlan"), agreedAt);
    execution.setVariable(HOUSEHOLDS, complaints.stream()
        .map(c -> c.get("COMPLAINT_NO") + " " + c.get("BUILDING") + " " + c.get("UNIT") + " "
            + c.get("RESIDENT_NAME") + " " + c.get("RESIDENT_PHONE"))
        .collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new)));
  }

  /** CP-11: every household of a collective complaint gets a home visit. */
  private void visitHousehold(DelegateExecution execution, FormValues form) {
    form.requireText("residentOpinion", "業戶對處理結果的意見")
        .requireText("residentSignature", "業戶簽名")
        .requireOneOf("residentSatisfiedAnswer", "業戶是否滿意?", YES_NO);
    String household = (String) execution.getVariable("household");
    String complaintNo = household.substring(0, household.indexOf(' '));
    Map<String, Object> complaint = records.complaint(complaintNo).orElseThrow();
    if (Boolean.TRUE.equals(complaint.get("WRITTEN"))) {
      form.requireChecked("writtenReplySent", "書面投訴已同時以書面方式回復");
    }
    records.insertVisit(complaintNo, (String) complaint.get("COMMUNITY"), currentUser.id(),
        "COLLECTIVE_REPLY", form.text("residentOpinion"), form.text("residentSignature"),
        form.is("residentSatisfiedAnswer", "YES"));
  }

  private Date futureDateTime(String field, String label, String value) {
    if (value == null || value.isEmpty()) {
      throw new FormInputException(field, "請填寫「" + label + "」。");
    }
    LocalDateTime local;
    try {
      local = LocalDateTime.parse(value.length() > 19 ? value.substring(0, 19) : value);
    } catch (DateTimeParseException e) {
      throw new FormInputException(field, "「" + label + "」不是有效的日期時間:" + value);
    }
    Date date = Date.from(ZonedDateTime.of(local, properties.getTimeZone()).toInstant());
    if (!date.after(ClockUtil.getCurrentTime())) {
      throw new FormInputException(field, "「" + label + "」須在現在之後。");
    }
    return date;
  }

  static Date plusHours(Date date, int hours) {
    return new Date(date.getTime() + hours * 3_600_000L);
  }
}
