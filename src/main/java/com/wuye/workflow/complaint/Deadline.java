package com.wuye.workflow.complaint;

import java.time.Duration;
import java.util.Date;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * Every deadline of the complaint procedure, and everything about it: its rule (how long, from
 * which moment), the variable its timer and its task's due date read, the task it runs on,
 * whose it is, and the next person up who is told when it passes (CS supervisor → office
 * director → deputy GM). The escalation code thrown by a deadline's timer in the diagram is the
 * constant's name.
 */
public enum Deadline {
  /** CP-6.1: the receiver reports event and result to the office within an hour of receipt. */
  REPORT_1H("當場處理後一小時內報告管理處", "CP-6.1", "Task_LogOnTheSpotComplaint", "duty-officer",
      "cs-supervisor", "onSpotReportDue", Duration.ofHours(1)),
  /** CP-10.1: the reply within two hours of the handling (on the spot or by the duty officer). */
  REPLY_ON_SPOT_2H("當場處理後兩小時內回復業主", "CP-10.1", "Task_ReplyAfterOnTheSpot",
      "duty-officer", "cs-supervisor", "onSpotReplyDue", Duration.ofHours(2)),
  /** CP-7.1: contact within two hours of receipt. */
  CONTACT_2H("兩小時內與業戶聯系", "CP-7.1", "Task_ContactResident", "cs-supervisor",
      "office-director", "contactDue", Duration.ofHours(2)),
  /** CP-10.2: the same day ({@link SameDay}), or the time agreed at the contact. */
  REPLY_DUE("即日(或約定時間)內回復業戶", "CP-10.2", "Task_HandleValidComplaint", "cs-supervisor",
      "office-director", "replyDue", null),
  /** CP-13: an invalid complaint's reply within two hours of receipt. */
  INVALID_REPLY_2H("無效投訴兩小時內回復業戶", "CP-13", "Task_ExplainToResident", "cs-supervisor",
      "office-director", "invalidReplyDue", Duration.ofHours(2)),
  /** CP-8.3: the result back to the complaint centre within 12 hours of completion. */
  CENTER_12H("處理完畢後十二小時內報公司客戶投訴處理中心", "CP-8.3", "Task_ReportResultToCenter",
      "cs-supervisor", "office-director", "centerReportDue", Duration.ofHours(12)),
  /** CP-8.1 / CP-11: every household visited by the time the director agreed. */
  COLLECTIVE_REPLY("集體投訴於約定時間內上門回復", "CP-8.1", "Task_VisitHousehold", "cs-supervisor",
      "deputy-gm", "collectiveReplyDue", null);

  private final String label;
  private final String clause;
  private final String taskKey;
  private final String responsibleGroup;
  private final String escalateTo;
  private final String variable;
  private final Duration duration;

  Deadline(String label, String clause, String taskKey, String responsibleGroup,
      String escalateTo, String variable, Duration duration) {
    this.label = label;
    this.clause = clause;
    this.taskKey = taskKey;
    this.responsibleGroup = responsibleGroup;
    this.escalateTo = escalateTo;
    this.variable = variable;
    this.duration = duration;
  }

  public String label() {
    return label;
  }

  public String clause() {
    return clause;
  }

  public String taskKey() {
    return taskKey;
  }

  public String responsibleGroup() {
    return responsibleGroup;
  }

  public String escalateTo() {
    return escalateTo;
  }

  /** The process variable (a {@link Date}) the deadline's timer and task due date read. */
  public String variable() {
    return variable;
  }

  /** CP-8.3: the complaint centre is told that the result it waits for is late. */
  public boolean tellsComplaintCenter() {
    return this == CENTER_12H;
  }

  /** Sets the deadline a fixed time after {@code from}: receipt, handling or completion. */
  public Date startFrom(VariableScope scope, Date from) {
    if (duration == null) {
      throw new IllegalStateException(name() + " has no fixed duration; set it with dueAt");
    }
    return dueAt(scope, new Date(from.getTime() + duration.toMillis()));
  }

  /** Sets the deadline to a moment of its own (the same day, a time agreed with the resident). */
  public Date dueAt(VariableScope scope, Date due) {
    scope.setVariable(variable, due);
    return due;
  }

  public Date due(VariableScope scope) {
    return (Date) scope.getVariable(variable);
  }
}
