package com.wuye.workflow.complaint;

import com.wuye.workflow.forms.FormValues;
import com.wuye.workflow.office.Offices;
import com.wuye.workflow.forms.StartContract;
import org.springframework.stereotype.Component;

@Component
class ComplaintStartContract implements StartContract {

  private final Offices offices;

  ComplaintStartContract(Offices offices) {
    this.offices = offices;
  }

  @Override
  public String processKey() {
    return ComplaintVariables.PROCESS_KEY;
  }

  @Override
  public void check(FormValues startVariables) {
    ComplaintChecks.checkReceived(startVariables, offices);
  }
}
