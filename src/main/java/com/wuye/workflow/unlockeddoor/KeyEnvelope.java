package com.wuye.workflow.unlockeddoor;

import java.time.LocalDateTime;
import java.util.List;

/**
 * 專用信封: a key from an unlocked door, sealed and signed (UD-4.4.1.2 / UD-4.4.2.3), and given
 * back to whom, on which identity document, whether their name matched the consent's and who
 * confirmed it when it did not (UD-4.4.1.4 / UD-4.4.2.5).
 */
public record KeyEnvelope(
    long id,
    String envelopeNo,
    String officeId,
    String processInstanceId,
    String community,
    String building,
    String unit,
    String status,
    LocalDateTime sealedAt,
    String sealedBy,
    String finderName,
    String finderPhone,
    String finderSignature,
    String onsiteStaffSignature,
    String thirdPartyName,
    String thirdPartySignature,
    String custodianGroup,
    LocalDateTime releasedAt,
    String releasedBy,
    String ownerName,
    Boolean ownerIdChecked,
    String ownerIdType,
    String ownerIdOther,
    String ownerIdLastDigits,
    String consentGivenBy,
    Boolean ownerNameMatched,
    String confirmedBy,
    String confirmationReason,
    List<Event> history) {

  public static final String SEALED = "SEALED";
  public static final String RELEASED = "RELEASED";

  /** One thing that happened to an envelope, refused attempts included. */
  public record Event(LocalDateTime happenedAt, String actor, String action, String detail) {
  }
}
