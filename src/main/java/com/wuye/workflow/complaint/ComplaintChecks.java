package com.wuye.workflow.complaint;

import static com.wuye.workflow.complaint.ComplaintVariables.*;

import com.wuye.workflow.forms.FormCatalog;
import com.wuye.workflow.forms.FormInputException;
import com.wuye.workflow.forms.FormValues;
import com.wuye.workflow.office.Offices;
import com.wuye.workflow.security.CurrentUser;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.Map;
import java.util.function.BiConsumer;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * The complaint process's forms checked on the server: on the start event and at the end of
 * each user task, before anything of the step is kept. A check only refuses (a 400 naming the
 * field, in Chinese, through Tasklist and REST); what a step records or sets is a named step of
 * its own ({@link ComplaintSteps}). The allowed values of a choice are the ones its form offers.
 * A task without a check here is a mistake in the diagram and fails loudly.
 */
@Component("complaintFormChecks")
class ComplaintChecks implements ExecutionListener {

  static final String START_EVENT = "StartEvent_ComplaintReceived";

  private final ComplaintRecords records;
  private final ComplaintProperties properties;
  private final CurrentUser currentUser;
  private final Offices offices;
  private final FormCatalog forms;
  private final Map<String, BiConsumer<DelegateExecution, FormValues>> checks;

  ComplaintChecks(ComplaintRecords records, ComplaintProperties properties,
      CurrentUser currentUser, Offices offices, FormCatalog forms) {
    this.records = records;
    this.properties = properties;
    this.currentUser = currentUser;
    this.offices = offices;
    this.forms = forms;
    this.checks = Map.ofEntries(
        Map.entry(START_EVENT, this::received),
        Map.entry("Task_LogOnTheSpotComplaint", this::onTheSpotReported),
        Map.entry("Task_LogComplaint", this::logged),
        Map.entry("Task_ClassifyComplaint", this::classified),
        Map.entry("Task_ContactResident", this::contacted),
        Map.entry("Task_HandleValidComplaint", this::handled),
        Map.entry("Task_SuperiorHandles", (e, form) -> form.requireText("superiorResult", "處理結果")
            .requireOneOf("escalateFurther", "是否需再上報?", choice("superior-handles",
                "escalateFurther"))),
        Map.entry("Task_SeniorHandles", (e, form) -> form.requireText("seniorResult", "處理結果")),
        Map.entry("Task_DeputyGmHandles", (e, form) -> form.requireText("deputyGmResult", "處理結果")
            .requireOneOf("deputyGmDecision", "是否需再上報?", choice("deputy-gm-handles",
                "deputyGmDecision"))),
        Map.entry("Task_GeneralManagerHandles",
            (e, form) -> form.requireText("generalManagerResult", "處理結果")),
        Map.entry("Task_ComplaintCenterHelps",
            (e, form) -> form.requireText("centerHelpResult", "協助處理結果")),
        Map.entry("Task_ReportToResponsibleParty", (e, form) -> form
            .requireText("responsibleParty", "解決部門/單位")
            .requireText("reportReference", "書面報告編號或內容")),
        Map.entry("Task_FollowUpResponsibleParty",
            (e, form) -> form.requireText("resolutionResult", "解決結果")),
        Map.entry("Task_InformResidentOfProgress",
            (e, form) -> form.requireText("progressNote", "通報內容")),
        Map.entry("Task_ReplyAfterOnTheSpot", this::replied),
        Map.entry("Task_ReplyToResident", this::replied),
        Map.entry("Task_ExplainToResident", (e, form) -> {
          form.requireText("explanation", "解釋內容");
          replied(e, form);
        }),
        Map.entry("Task_FollowUpUntilSatisfied", (e, form) -> form
            .requireOneOf("followUpAction", "跟進結果",
                choice("follow-up-until-satisfied", "followUpAction"))
            .requireText("followUpNote", "跟進記錄")),
        Map.entry("Task_ReportResultToCenter",
            (e, form) -> form.requireText("centerReportNote", "報告內容")),
        Map.entry("Task_SuperviseMissedDeadline",
            (e, form) -> form.requireText("supervisionNote", "督辦記錄")),
        Map.entry("Task_ReportCollectiveToDirector",
            (e, form) -> form.requireText("collectiveReportNote", "報告內容")),
        Map.entry("Task_AcknowledgeCollective", this::acknowledged),
        Map.entry("Task_OrganiseCollectiveHandling", this::organised),
        Map.entry("Task_VisitHousehold", this::visited),
        Map.entry("Task_VisitJoinedHousehold", this::visited));
  }

  /**
   * The start contract, shared with the REST API's check before an instance is created; returns
   * the receipt time given at the start, or null for now. A receipt time given by a person
   * (Tasklist, REST) may lie at most {@link ComplaintVariables#RECEIPT_MAX_AGE} back; the
   * application's own starts carry the true one, however old ({@code maxAge}).
   */
  static Date checkReceived(FormValues form, Offices offices, FormCatalog forms, ZoneId zone,
      Duration maxAge) {
    Date given = form.optionalRecentMoment(RECEIVED_AT, "收到投訴的時間", zone,
        ClockUtil.getCurrentTime(), maxAge);
    form.requireCommunity(COMMUNITY, "小區", offices)
        .requireText(BUILDING, "樓棟").requireLength(BUILDING, "樓棟", 50)
        .requireUnit(UNIT, "單位(房號)")
        .requireText(RESIDENT_NAME, "業戶姓名").requireLength(RESIDENT_NAME, "業戶姓名", 100)
        .requirePhone(RESIDENT_PHONE, "業戶聯系電話")
        .requireOneOf(CHANNEL, "投訴渠道", forms.values("complaint-received", CHANNEL))
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

  /** How far back a receipt time may lie: a day for people, any time for the application. */
  Duration receiptMaxAge() {
    return currentUser.id() != null ? RECEIPT_MAX_AGE : Duration.ofDays(36_500);
  }

  @Override
  public void notify(DelegateExecution execution) {
    if (execution.isCanceled()) {
      return;
    }
    check(execution.getCurrentActivityId(), execution, FormValues.of(execution));
  }

  /** Refuses what the step's form submitted, or does nothing. */
  void check(String activity, DelegateExecution execution, FormValues form) {
    var check = checks.get(activity);
    if (check == null) {
      throw new IllegalStateException("ComplaintProcess: no form check for " + activity
          + "; add one to ComplaintChecks or remove the listener from the diagram");
    }
    check.accept(execution, form);
  }

  java.util.Set<String> choice(String formId, String key) {
    return forms.values(formId, key);
  }

  /** The form the current user task shows (its Camunda Form reference in the diagram). */
  static String formOf(DelegateExecution execution) {
    var element = execution.getBpmnModelElementInstance();
    if (element instanceof org.camunda.bpm.model.bpmn.instance.UserTask task
        && task.getCamundaFormRef() != null) {
      return task.getCamundaFormRef();
    }
    throw new IllegalStateException("ComplaintProcess: " + execution.getCurrentActivityId()
        + " shows no Camunda Form");
  }

  private void received(DelegateExecution execution, FormValues form) {
    checkReceived(form, offices, forms, properties.getTimeZone(), receiptMaxAge());
    String related = form.text(RELATED_COMPLAINT_NO);
    if (related != null && !related.isEmpty()
        && !records.existsInOffice(related, execution.getTenantId())) {
      throw new FormInputException(RELATED_COMPLAINT_NO, "沒有投訴編號「" + related + "」。");
    }
  }

  /** CP-6.1: who handled it on the spot, and when: after receipt, not in the future. */
  private void onTheSpotReported(DelegateExecution execution, FormValues form) {
    form.requireText("dutyLogNote", "值班記錄")
        .requireText(HANDLED_BY, "當場處理人").requireLength(HANDLED_BY, "當場處理人", 100);
    handledAt(execution, form);
  }

  /** The moment given as {@link ComplaintVariables#HANDLED_AT}, checked against receipt. */
  Date handledAt(DelegateExecution execution, FormValues form) {
    String label = "當場處理完畢的時間";
    Instant moment = form.requireMoment(HANDLED_AT, label, properties.getTimeZone());
    Date receivedAt = (Date) execution.getVariable(RECEIVED_AT);
    // minutes as the form gives them: handled within the minute of receipt is still after it
    if (receivedAt != null && moment.isBefore(receivedAt.toInstant().minusSeconds(60))) {
      throw new FormInputException(HANDLED_AT, "「" + label + "」不可早於收到投訴的時間。");
    }
    if (moment.isAfter(ClockUtil.getCurrentTime().toInstant().plusSeconds(60))) {
      throw new FormInputException(HANDLED_AT, "「" + label + "」不可在將來。");
    }
    return Date.from(moment);
  }

  private void logged(DelegateExecution execution, FormValues form) {
    form.requireOneOf("category", "投訴內容類別", choice("log-complaint", "category"))
        .requireOneOf("dutyOfficerHandles", "值班員能否處理?",
            choice("log-complaint", "dutyOfficerHandles"))
        .limit("dutyLogNote", "值班記錄");
    if (form.is("dutyOfficerHandles", "YES")) {
      form.requireText("handlingResult", "處理結果");
    }
  }

  private void classified(DelegateExecution execution, FormValues form) {
    form.requireOneOf(CLASSIFICATION, "投訴類別", choice("classify-complaint", CLASSIFICATION));
    if (form.is(CLASSIFICATION, "ASSISTED")) {
      form.requireOneOf(ASSISTED_ROUTE, "協助處理方式",
          choice("classify-complaint", ASSISTED_ROUTE));
    }
  }

  /**
   * CP-7.1 / CP-10.2: a reply time is agreed at every contact. Later than the same day only
   * with the special circumstance written down.
   */
  private void contacted(DelegateExecution execution, FormValues form) {
    form.requireText("contactNote", "聯系記錄");
    Date agreedAt = agreedReplyAt(form);
    Date sameDay = SameDay.deadline((Date) execution.getVariable(RECEIVED_AT), properties);
    if (agreedAt.after(sameDay)) {
      String reason = form.text(SPECIAL_CIRCUMSTANCE);
      if (reason == null || reason.isBlank()) {
        throw new FormInputException(SPECIAL_CIRCUMSTANCE, "約定回復時間在即日之後,請填寫"
            + "「特殊情況(無法即日回復的原因)」。");
      }
      form.requireLength(SPECIAL_CIRCUMSTANCE, "特殊情況(無法即日回復的原因)", 1000);
    }
  }

  /** The agreed reply time of the contact or the collective organisation: in the future. */
  Date agreedReplyAt(FormValues form) {
    String label = "約定回復時間";
    Instant moment = form.requireMoment(AGREED_REPLY_AT, label, properties.getTimeZone());
    if (!moment.isAfter(ClockUtil.getCurrentTime().toInstant())) {
      throw new FormInputException(AGREED_REPLY_AT, "「" + label + "」須在現在之後。");
    }
    return Date.from(moment);
  }

  private void handled(DelegateExecution execution, FormValues form) {
    form.requireOneOf("handlingOutcome", "處理情況",
        choice("handle-valid-complaint", "handlingOutcome"));
    if (form.is("handlingOutcome", "BEYOND_MY_POWER")) {
      form.requireText("escalationReason", "無能為力的原因");
    } else {
      form.requireText("handlingResult", "處理結果");
      replied(execution, form);
    }
  }

  /** CP-10.1 / CP-10.3 / CP-11: the reply, by home visit with a signature, or by phone. */
  private void replied(DelegateExecution execution, FormValues form) {
    String formId = formOf(execution);
    form.requireOneOf("replyMethod", "回復方式", choice(formId, "replyMethod"))
        .requireText("residentOpinion", "業戶對處理結果的意見")
        .requireOneOf("residentSatisfiedAnswer", "業戶是否滿意?",
            choice(formId, "residentSatisfiedAnswer"));
    if (Boolean.TRUE.equals(execution.getVariable(WRITTEN_COMPLAINT))) {
      requireWrittenReply(form);
    }
    if (form.is("replyMethod", "VISIT")) {
      form.requireText("residentSignature", "業戶簽名");
    }
  }

  /** CP-11: a written complaint gets a written reply; its text is kept. */
  static void requireWrittenReply(FormValues form) {
    form.requireText(WRITTEN_REPLY_TEXT, "書面回復內容")
        .requireLength(WRITTEN_REPLY_TEXT, "書面回復內容", 4000);
  }

  private void acknowledged(DelegateExecution execution, FormValues form) {
    form.requireChecked("acknowledged", "已知悉集體投訴事件").limit("acknowledgeNote", "備注");
  }

  /** CP-8.1: the director agrees a reply time and fills the special incident report. */
  private void organised(DelegateExecution execution, FormValues form) {
    form.requireChecked("residentsContacted", "已與相關業戶聯系")
        .requireText("incidentDescription", "事故經過")
        .requireText("handlingPlan", "處理安排");
    agreedReplyAt(form);
  }

  /** CP-11: every household of a collective complaint gets a home visit. */
  private void visited(DelegateExecution execution, FormValues form) {
    form.requireText("residentOpinion", "業戶對處理結果的意見")
        .requireText("residentSignature", "業戶簽名")
        .requireOneOf("residentSatisfiedAnswer", "業戶是否滿意?",
            choice("visit-household", "residentSatisfiedAnswer"));
    String complaintNo = ComplaintSteps.visitedComplaintNo(execution);
    Map<String, Object> complaint = records.complaint(complaintNo).orElseThrow();
    if (Boolean.TRUE.equals(complaint.get("WRITTEN"))) {
      requireWrittenReply(form);
    }
  }
}
