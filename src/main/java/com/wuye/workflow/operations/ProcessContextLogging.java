package com.wuye.workflow.operations;

import org.camunda.bpm.engine.delegate.BaseDelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.delegate.DelegateInvocation;
import org.camunda.bpm.engine.impl.interceptor.DelegateInterceptor;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Every log line written while a delegate or listener runs carries the case it belongs to: the
 * process instance id and the business key (a complaint's number) are put into the SLF4J MDC as
 * {@value #PROCESS_INSTANCE_ID} and {@value #BUSINESS_KEY} around each invocation, and the
 * logging pattern ({@code logging.pattern.level}) or the JSON log format prints them. The
 * engine's own delegate interceptor still does the invoking.
 */
@Component
class ProcessContextLogging extends AbstractProcessEnginePlugin {

  static final String PROCESS_INSTANCE_ID = "processInstanceId";
  static final String BUSINESS_KEY = "businessKey";

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setDelegateInterceptor(
        new CaseInLogContext(configuration.getDelegateInterceptor()));
  }

  static final class CaseInLogContext implements DelegateInterceptor {

    private final DelegateInterceptor invoker;

    CaseInLogContext(DelegateInterceptor invoker) {
      this.invoker = invoker;
    }

    @Override
    public void handleInvocation(DelegateInvocation invocation) throws Exception {
      BaseDelegateExecution context = invocation.getContextExecution();
      if (!(context instanceof DelegateExecution execution)) {
        invoker.handleInvocation(invocation);
        return;
      }
      String outerInstance = MDC.get(PROCESS_INSTANCE_ID);
      String outerKey = MDC.get(BUSINESS_KEY);
      put(PROCESS_INSTANCE_ID, execution.getProcessInstanceId());
      put(BUSINESS_KEY, execution.getProcessBusinessKey());
      try {
        invoker.handleInvocation(invocation);
      } finally {
        put(PROCESS_INSTANCE_ID, outerInstance);
        put(BUSINESS_KEY, outerKey);
      }
    }

    private static void put(String key, String value) {
      if (value == null) {
        MDC.remove(key);
      } else {
        MDC.put(key, value);
      }
    }
  }
}
