package com.wuye.workflow.complaint;

import com.wuye.workflow.forms.FormValues;
import com.wuye.workflow.office.Offices;
import com.wuye.workflow.forms.StartContract;
import org.springframework.stereotype.Component;

@Component
class ComplaintStartContract implements StartContract {

  private final Offices offices;
  private final ComplaintProperties properties;
  private final com.wuye.workflow.forms.FormCatalog forms;

  ComplaintStartContract(Offices offices, ComplaintProperties properties,
      com.wuye.workflow.forms.FormCatalog forms) {
    this.offices = offices;
    this.properties = properties;
    this.forms = forms;
  }

  @Override
  public String processKey() {
    return ComplaintVariables.PROCESS_KEY;
  }

  @Override
  public void check(FormValues startVariables) {
    // over REST the caller is a person or an integration: at most a day back
    ComplaintChecks.checkReceived(startVariables, offices, forms, properties.getTimeZone(),
        ComplaintVariables.RECEIPT_MAX_AGE);
  }
}
