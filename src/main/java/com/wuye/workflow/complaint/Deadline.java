package com.wuye.workflow.complaint;

/**
 * Every deadline of the complaint procedure: the task it runs on, whose it is, and the next
 * person up who is told when it passes (CS supervisor → office director → deputy GM). The
 * escalation code thrown by a deadline's timer in the diagram is the constant's name.
 */
public enum Deadline {
  REPORT_1H("當場處理後一小時內報告管理處", "CP-6.1", "Task_LogOnTheSpotComplaint", "duty-officer", "cs-supervisor"),
  REPLY_ON_SPOT_2H("當場處理後兩小時內回復業主", "CP-10.1", "Task_ReplyAfterOnTheSpot", "duty-officer", "cs-supervisor"),
  CONTACT_2H("兩小時內與業戶聯系", "CP-7.1", "Task_ContactResident", "cs-supervisor", "office-director"),
  REPLY_DUE("即日(或約定時間)內回復業戶", "CP-10.2", "Task_HandleValidComplaint", "cs-supervisor", "office-director"),
  INVALID_REPLY_2H("無效投訴兩小時內回復業戶", "CP-13", "Task_ExplainToResident", "cs-supervisor", "office-director"),
  CENTER_12H("處理完畢後十二小時內報公司客戶投訴處理中心", "CP-8.3", "Task_ReportResultToCenter", "cs-supervisor", "office-director"),
  COLLECTIVE_REPLY("集體投訴於約定時間內上門回復", "CP-8.1", "Task_VisitHousehold", "cs-supervisor", "deputy-gm");

  private final String label;
  private final String clause;
  private final String taskKey;
  private final String responsibleGroup;
  private final String escalateTo;

  Deadline(String label, String clause, String taskKey, String responsibleGroup, String escalateTo) {
    this.label = label;
    this.clause = clause;
    this.taskKey = taskKey;
    this.responsibleGroup = responsibleGroup;
    this.escalateTo = escalateTo;
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

  /** CP-8.3: the complaint centre is told that the result it waits for is late. */
  public boolean tellsComplaintCenter() {
    return this == CENTER_12H;
  }
}
