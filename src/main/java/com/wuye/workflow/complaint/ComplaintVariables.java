package com.wuye.workflow.complaint;

import java.util.Set;

/**
 * Variable names of {@code ComplaintProcess}, identical to the form fields' keys. The start
 * variables are a public contract for Tasklist and for REST clients such as the hotline.
 */
public final class ComplaintVariables {

  public static final String PROCESS_KEY = "ComplaintProcess";

  // start contract (CP-5)
  public static final String COMMUNITY = "community";
  public static final String BUILDING = "building";
  public static final String UNIT = "unit";
  public static final String RESIDENT_NAME = "residentName";
  public static final String RESIDENT_PHONE = "residentPhone";
  public static final String CHANNEL = "channel";
  public static final String WRITTEN_COMPLAINT = "writtenComplaint";
  public static final String MATTER = "matter";
  public static final String DESCRIPTION = "description";
  // optional at start
  public static final String HANDLED_ON_THE_SPOT = "handledOnTheSpot";
  public static final String ON_THE_SPOT_RESULT = "onTheSpotResult";
  public static final String MARKED_COLLECTIVE = "markedCollective";
  public static final String RELATED_COMPLAINT_NO = "relatedComplaintNo";

  public static final Set<String> CHANNELS =
      Set.of("PHONE", "HOTLINE", "FAX", "EMAIL", "VISIT", "COMPLAINT_CENTER");
  public static final Set<String> CLASSIFICATIONS = Set.of("VALID", "ASSISTED", "INVALID");
  public static final Set<String> ASSISTED_ROUTES = Set.of("DEPARTMENT", "DEVELOPER", "EXTERNAL");
  public static final Set<String> CATEGORIES = Set.of("SERVICE", "FEES", "FUNDS", "MAINTENANCE",
      "DEPARTMENT", "DEVELOPER", "EXTERNAL", "PUBLIC_FACILITIES", "OTHER");

  // set by the process
  public static final String COMPLAINT_NO = "complaintNo";
  public static final String RECEIVED_AT = "receivedAt";
  /** How long ago a complaint given a receipt time at its start may have been received. */
  public static final java.time.Duration RECEIPT_MAX_AGE = java.time.Duration.ofDays(1);
  public static final String COLLECTIVE_ROLE = "collectiveRole";
  public static final String COLLECTIVE_CASE_NO = "collectiveCaseNo";
  public static final String HOUSEHOLDS = "households";
  public static final String CLASSIFICATION = "classification";
  public static final String ASSISTED_ROUTE = "assistedRoute";
  public static final String RESIDENT_SATISFIED = "residentSatisfied";
  public static final String PROGRESS_UPDATE_CYCLE = "progressUpdateCycle";
  public static final String ESCALATE_TO = "escalateTo";
  public static final String MISSED_DEADLINE = "missedDeadline";

  // deadlines (java.util.Date)
  public static final String ON_SPOT_REPORT_DUE = "onSpotReportDue";
  public static final String ON_SPOT_REPLY_DUE = "onSpotReplyDue";
  public static final String CONTACT_DUE = "contactDue";
  public static final String REPLY_DUE = "replyDue";
  public static final String INVALID_REPLY_DUE = "invalidReplyDue";
  public static final String AGREED_REPLY_AT = "agreedReplyAt";
  public static final String COLLECTIVE_REPLY_DUE = "collectiveReplyDue";

  public static final String NONE = "NONE";
  public static final String MEMBER = "MEMBER";
  public static final String COORDINATOR = "COORDINATOR";

  private ComplaintVariables() {
  }
}
