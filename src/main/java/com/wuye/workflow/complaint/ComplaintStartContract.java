package com.wuye.workflow.complaint;

import com.wuye.workflow.forms.FormValues;
import com.wuye.workflow.office.Offices;
import com.wuye.workflow.forms.StartContract;
import org.springframework.stereotype.Component;

@Component
class ComplaintStartContract implements StartContract {

  private final Offices offices;
  private final ComplaintProperties properties;

  ComplaintStartContract(Offices offices, ComplaintProperties properties) {
    this.offices = offices;
    this.properties = properties;
  }

  @Override
  public String processKey() {
    return ComplaintVariables.PROCESS_KEY;
  }

  @Override
  public void check(FormValues startVariables) {
    // over REST the caller is a person or an integration: at most a day back
    ComplaintChecks.checkReceived(startVariables, offices, properties.getTimeZone(),
        ComplaintVariables.RECEIPT_MAX_AGE);
  }
}
