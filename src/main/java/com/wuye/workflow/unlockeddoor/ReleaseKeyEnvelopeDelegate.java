package com.wuye.workflow.unlockeddoor;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 登記鑰匙已交還業主: closes the envelope once the owner has signed (UD-4.4.1.4 / UD-4.4.2.5). */
@Component("releaseKeyEnvelope")
class ReleaseKeyEnvelopeDelegate implements JavaDelegate {

  private final KeyEnvelopeService envelopes;

  ReleaseKeyEnvelopeDelegate(KeyEnvelopeService envelopes) {
    this.envelopes = envelopes;
  }

  @Override
  public void execute(DelegateExecution execution) {
    envelopes.release(execution);
  }
}
