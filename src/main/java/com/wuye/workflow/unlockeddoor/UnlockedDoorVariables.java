package com.wuye.workflow.unlockeddoor;

import java.util.Set;

/**
 * Variable names of {@code UnlockedDoorProcess}: identical to the form fields' keys. The start
 * variables are a public contract (Tasklist's start form and REST clients use them).
 */
public final class UnlockedDoorVariables {

  public static final String PROCESS_KEY = "UnlockedDoorProcess";

  // start (UD-2, UD-4.4.1 / UD-4.4.2)
  public static final String COMMUNITY = "community";
  public static final String BUILDING = "building";
  public static final String UNIT = "unit";
  public static final String FINDER_TYPE = "finderType";
  public static final String FINDER_NAME = "finderName";
  public static final String FINDER_PHONE = "finderPhone";
  public static final String FOUND_AT = "foundAt";
  public static final String KEY_IN_DOOR = "keyInDoor";

  public static final String STAFF = "STAFF";
  public static final String NON_STAFF = "NON_STAFF";
  public static final Set<String> FINDER_TYPES = Set.of(STAFF, NON_STAFF);
  public static final Set<String> YES_NO = Set.of("YES", "NO");

  // set by the process
  public static final String OWNER_ARRIVED = "ownerArrived";
  public static final String KEY_SEALED = "keySealed";
  public static final String ENVELOPE_NO = "envelopeNo";
  public static final String CASE_SUMMARY = "caseSummary";
  public static final String PHOTO_UPLOAD_PATH = "photoUploadPath";
  public static final String DOOR_PHOTO = "doorPhoto";
  /** "building unit", passed to the emergency procedure as its place. */
  public static final String PLACE = "place";

  // 征得業主同意 (UD-4.4.1.1 / UD-4.4.2.2): who gave consent, compared at the hand-over
  public static final String CONSENT_GIVEN_BY = "consentGivenBy";

  // 業主簽收鑰匙 (UD-4.4.1.4 / UD-4.4.2.5): who takes the key, and the document they showed
  public static final String CLAIMANT_NAME = "claimantName";
  public static final String OWNER_ID_TYPE = "ownerIdType";
  public static final String OWNER_ID_OTHER = "ownerIdOther";
  public static final String OWNER_ID_LAST_DIGITS = "ownerIdLastDigits";
  /** The choices of 證件類別 on hand-over-key.form (a test checks they agree). */
  public static final Set<String> OWNER_ID_TYPES =
      Set.of("HK_ID", "CN_ID", "HOME_RETURN_PERMIT", "PASSPORT", "OTHER");
  /** The fields of hand-over-key.form a custodian fills in; emptied when the director refuses. */
  public static final java.util.List<String> HAND_OVER_FIELDS = java.util.List.of(
      "situationExplained", CLAIMANT_NAME, OWNER_ID_TYPE, OWNER_ID_OTHER, OWNER_ID_LAST_DIGITS,
      "ownerIdChecked", "ownerSignature", "belongingsReminderGiven");
  // set by 核對領取人姓名: whether the names matched, and the custodian who did the hand-over
  public static final String CLAIMANT_NAME_MATCHES = "claimantNameMatches";
  public static final String HAND_OVER_CUSTODIAN = "handOverCustodian";
  // 管理處主任確認領取人 (confirm-key-owner.form): YES releases the key, NO keeps it sealed
  public static final String CLAIMANT_CONFIRMED = "claimantConfirmed";
  public static final String CONFIRMATION_REASON = "confirmationReason";

  public static final Set<String> CONTACT_RESULTS =
      Set.of("BACK_IN_TIME", "CANNOT_COME_BACK", "UNREACHABLE");
  public static final Set<String> INCIDENT_KINDS =
      Set.of("FIRE", "STRONG_WIND", "EARTHQUAKE", "OTHER");

  private UnlockedDoorVariables() {
  }
}
