package com.wuye.workflow.unlockeddoor;

import static com.wuye.workflow.unlockeddoor.UnlockedDoorVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 登記封存的專用信封 (UD-4.4.1.3 / UD-4.4.2.4). */
@Component("sealKeyEnvelope")
class SealKeyEnvelopeDelegate implements JavaDelegate {

  private final KeyEnvelopeService envelopes;

  SealKeyEnvelopeDelegate(KeyEnvelopeService envelopes) {
    this.envelopes = envelopes;
  }

  @Override
  public void execute(DelegateExecution execution) {
    envelopes.seal(execution);
    // the printable envelope (/app/records), linked from the custodian's and director's forms
    execution.setVariable("envelopeRecordPath", "/app/records/key-envelopes/"
        + java.net.URLEncoder.encode(String.valueOf(execution.getVariable(ENVELOPE_NO)),
            java.nio.charset.StandardCharsets.UTF_8));
    execution.setVariable(KEY_SEALED, true);
    execution.setVariable(CASE_SUMMARY, String.format(
        "%s %s %s 房門未鎖,發現人員:%s(%s)。%s 發現;聯系業主後,經%s同意鎖門並收存鑰匙;"
            + "門已鎖好,鑰匙封存於專用信封 %s,由 %s 簽字。物業人員沒有進入戶內。",
        execution.getVariable(COMMUNITY), execution.getVariable(BUILDING),
        execution.getVariable(UNIT), execution.getVariable(FINDER_NAME),
        STAFF.equals(execution.getVariable(FINDER_TYPE)) ? "物業人員" : "非物業人員",
        String.valueOf(execution.getVariable(FOUND_AT)).replace('T', ' '),
        execution.getVariable("consentGivenBy"),
        execution.getVariable(ENVELOPE_NO), signatures(execution)));
  }

  private static String signatures(DelegateExecution execution) {
    String names = execution.getVariable("finderSignature") + "、"
        + execution.getVariable("onSiteStaffSignature");
    Object thirdParty = execution.getVariable("thirdPartySignature");
    return thirdParty == null ? names : names + "、" + thirdParty;
  }
}
