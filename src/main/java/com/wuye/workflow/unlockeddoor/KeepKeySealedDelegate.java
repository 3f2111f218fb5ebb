package com.wuye.workflow.unlockeddoor;

import static com.wuye.workflow.unlockeddoor.UnlockedDoorVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 登記鑰匙繼續封存 (UD-4.4.1.4 / UD-4.4.2.5): the office director did not confirm the person at
 * the counter. The refusal goes into the envelope's history, and what was entered for that
 * person is cleared, so that 業主簽收鑰匙 opens empty for whoever comes next.
 */
@Component("keepKeySealed")
class KeepKeySealedDelegate implements JavaDelegate {

  private final KeyEnvelopeService envelopes;

  KeepKeySealedDelegate(KeyEnvelopeService envelopes) {
    this.envelopes = envelopes;
  }

  @Override
  public void execute(DelegateExecution execution) {
    envelopes.keepSealed(execution);
    HAND_OVER_FIELDS.forEach(execution::removeVariable);
    execution.removeVariable(CLAIMANT_NAME_MATCHES);
    execution.removeVariable(CLAIMANT_CONFIRMED);
    execution.removeVariable(CONFIRMATION_REASON);
  }
}
