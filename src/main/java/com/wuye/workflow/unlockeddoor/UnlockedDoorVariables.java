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

  public static final Set<String> CONTACT_RESULTS =
      Set.of("BACK_IN_TIME", "CANNOT_COME_BACK", "UNREACHABLE");
  public static final Set<String> INCIDENT_KINDS =
      Set.of("FIRE", "STRONG_WIND", "EARTHQUAKE", "OTHER");

  private UnlockedDoorVariables() {
  }
}
