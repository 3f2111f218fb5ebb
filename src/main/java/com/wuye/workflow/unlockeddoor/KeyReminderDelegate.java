package com.wuye.workflow.unlockeddoor;

import static com.wuye.workflow.unlockeddoor.UnlockedDoorVariables.*;

import com.wuye.workflow.forms.StaffText;
import com.wuye.workflow.notification.Notifier;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * 提醒鑰匙仍待業主簽收 (UD-4.4.1.3 / UD-4.4.2.4): a key still sealed after
 * {@code wuye.keys.reminder-after} (24 hours), and every such period after, is brought to the
 * case's office's key custodians and director until the owner has signed for it. Each reminder
 * is one mail (its moment is in the event's key).
 */
@Component("keyReminder")
class KeyReminderDelegate implements JavaDelegate {

  private final KeyEnvelopeService envelopes;
  private final Notifier notifier;
  private final StaffText text;

  KeyReminderDelegate(KeyEnvelopeService envelopes, Notifier notifier, StaffText text) {
    this.envelopes = envelopes;
    this.notifier = notifier;
    this.text = text;
  }

  @Override
  public void execute(DelegateExecution execution) {
    for (String envelopeNo : envelopes.sealedOf(execution.getProcessInstanceId())) {
      KeyEnvelope envelope = envelopes.find(envelopeNo).orElseThrow();
      String where = envelope.community() + " " + envelope.building() + " " + envelope.unit();
      notifier.toGroups(List.of(KeyEnvelopeService.CUSTODIAN_GROUP, "office-director"),
          execution.getTenantId(), "key-reminder:" + envelopeNo + ":"
              + ClockUtil.getCurrentTime().getTime(),
          "[鑰匙仍待業主簽收] " + where + " 專用信封 " + envelopeNo,
          "專用信封 " + envelopeNo + "(" + where + ")自 " + text.dateTime(envelope.sealedAt()) + " 封存,至今仍未由業主簽收。"
              + "\n請繼續聯系業主到服務中心領取鑰匙;在業主簽收前任何人不得打開專用信封。",
          execution.getProcessInstanceId());
    }
  }
}
