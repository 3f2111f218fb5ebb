package com.wuye.workflow.unlockeddoor;

import static com.wuye.workflow.unlockeddoor.UnlockedDoorVariables.CLAIMANT_NAME_MATCHES;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 核對領取人姓名 (UD-4.4.1.4 / UD-4.4.2.5): compares the name given at the hand-over with who
 * gave consent to lock up; the diagram's 姓名是否相符? reads {@code claimantNameMatches}.
 */
@Component("compareClaimantName")
class CompareClaimantNameDelegate implements JavaDelegate {

  private final KeyEnvelopeService envelopes;

  CompareClaimantNameDelegate(KeyEnvelopeService envelopes) {
    this.envelopes = envelopes;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(CLAIMANT_NAME_MATCHES, envelopes.compareClaimant(execution));
  }
}
