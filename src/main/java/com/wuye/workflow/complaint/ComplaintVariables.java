package com.wuye.workflow.complaint;

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

  // the allowed values of each choice are the ones its form offers (FormCatalog.values)

  // set by the process
  public static final String COMPLAINT_NO = "complaintNo";
  /** The complaint's printable file and its community's duty log (/app/records). */
  public static final String RECORD_PATH = "recordPath";
  public static final String DUTY_LOG_PATH = "dutyLogPath";
  public static final String RECEIVED_AT = "receivedAt";
  /** How long ago a complaint given a receipt time at its start may have been received. */
  public static final java.time.Duration RECEIPT_MAX_AGE = java.time.Duration.ofDays(1);
  public static final String COLLECTIVE_ROLE = "collectiveRole";
  public static final String COLLECTIVE_CASE_NO = "collectiveCaseNo";
  public static final String HOUSEHOLDS = "households";
  /** CP-11: a household that joined a collective case after it was organised. */
  public static final String JOINED_AFTER_ORGANISED = "joinedAfterOrganised";
  /** CP-8.1: the company-wide groups told of a collective complaint, each to acknowledge it. */
  public static final String COLLECTIVE_INFORMED_GROUPS = "collectiveInformedGroups";
  public static final String CLASSIFICATION = "classification";
  public static final String ASSISTED_ROUTE = "assistedRoute";
  public static final String RESIDENT_SATISFIED = "residentSatisfied";
  public static final String PROGRESS_UPDATE_CYCLE = "progressUpdateCycle";
  public static final String ESCALATE_TO = "escalateTo";
  public static final String MISSED_DEADLINE = "missedDeadline";

  // deadlines (java.util.Date); each owned by its Deadline
  public static final String ON_SPOT_REPORT_DUE = Deadline.REPORT_1H.variable();
  public static final String ON_SPOT_REPLY_DUE = Deadline.REPLY_ON_SPOT_2H.variable();
  public static final String CONTACT_DUE = Deadline.CONTACT_2H.variable();
  public static final String REPLY_DUE = Deadline.REPLY_DUE.variable();
  public static final String INVALID_REPLY_DUE = Deadline.INVALID_REPLY_2H.variable();
  public static final String AGREED_REPLY_AT = "agreedReplyAt";
  /** When the reply time was agreed: the agreed deadline's start. */
  public static final String REPLY_AGREED_AT = "replyAgreedAt";

  // CP-6.1 / CP-10.1: who handled the complaint on the spot, and when (the reply runs from it)
  public static final String HANDLED_BY = "handledBy";
  public static final String HANDLED_AT = "handledAt";
  // CP-10.2: why the reply cannot be the same day (特殊情況)
  public static final String SPECIAL_CIRCUMSTANCE = "specialCircumstance";
  // CP-11: the written reply to a written complaint
  public static final String WRITTEN_REPLY_TEXT = "writtenReplyText";
  // CP-7.8 / CP-8.2: the work circulation slip of an escalated complaint
  public static final String CIRCULATION_SLIP_ID = "circulationSlipId";
  public static final String COLLECTIVE_REPLY_DUE = Deadline.COLLECTIVE_REPLY.variable();

  public static final String NONE = "NONE";
  public static final String MEMBER = "MEMBER";
  public static final String COORDINATOR = "COORDINATOR";

  private ComplaintVariables() {
  }
}
