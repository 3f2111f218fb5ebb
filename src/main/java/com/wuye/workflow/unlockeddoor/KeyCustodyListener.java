package com.wuye.workflow.unlockeddoor;

import org.camunda.bpm.engine.BadUserRequestException;
import com.wuye.workflow.security.CurrentUser;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * UD-4.4.1.3 / UD-4.4.2.4: a case never ends while its key is sealed, whatever path its
 * execution takes (a cancellation, a modification): the end of the process is refused and the
 * attempt written to the envelope's history. Attached to the whole process as {@code ${keyCustody}}.
 */
@Component("keyCustody")
class KeyCustodyListener implements ExecutionListener {

  private final KeyEnvelopeService envelopes;
  private final CurrentUser currentUser;

  KeyCustodyListener(KeyEnvelopeService envelopes, CurrentUser currentUser) {
    this.envelopes = envelopes;
    this.currentUser = currentUser;
  }

  @Override
  public void notify(DelegateExecution execution) {
    List<String> sealed = envelopes.sealedOf(execution.getProcessInstanceId());
    if (!sealed.isEmpty()) {
      envelopes.refused(execution.getProcessInstanceId(), currentUser.id(),
          "個案在鑰匙交還業主前被結束(已拒絕)");
      // a refusal of the request (REST: 400), not a failure of the engine
      throw new BadUserRequestException(
          "專用信封 " + sealed.get(0) + " 仍封存著業主的鑰匙:個案須待業主簽收鑰匙後才可結束。");
    }
  }
}
