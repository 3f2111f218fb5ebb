package com.wuye.workflow.emergency;

import com.wuye.workflow.forms.FormValues;
import com.wuye.workflow.forms.StartContract;
import com.wuye.workflow.office.Offices;
import org.springframework.stereotype.Component;

@Component
class EmergencyStartContract implements StartContract {

  private final Offices offices;

  EmergencyStartContract(Offices offices) {
    this.offices = offices;
  }

  @Override
  public String processKey() {
    return "EmergencyIncidentProcess";
  }

  @Override
  public void check(FormValues startVariables) {
    EmergencyChecks.checkReport(startVariables, offices);
  }
}
