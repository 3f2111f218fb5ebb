package com.wuye.workflow.security;

import jakarta.servlet.Filter;
import com.wuye.workflow.forms.StartContract;
import com.wuye.workflow.forms.StartContractFilter;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The REST API answers only authenticated requests: HTTP Basic with the same users as the
 * webapps (Camunda Modeler deploys through it), so every call runs under the caller's
 * authorizations. The webapps keep their own session login, CSRF filter and security headers.
 */
@Configuration
class RestApiSecurityConfiguration {

  @Bean
  FilterRegistrationBean<Filter> restApiAuthenticationFilter() {
    FilterRegistrationBean<Filter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("camunda-rest-basic-auth");
    registration.addUrlPatterns("/engine-rest/*");
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName());
    registration.setOrder(1);
    return registration;
  }

  @Bean
  FilterRegistrationBean<StartContractFilter> startContractFilter(List<StartContract> contracts,
      RepositoryService repositoryService, IdentityService identityService,
      AuthorizationService authorizationService) {
    FilterRegistrationBean<StartContractFilter> registration = new FilterRegistrationBean<>(
        new StartContractFilter(contracts, repositoryService, identityService, authorizationService));
    registration.setName("start-contract");
    registration.addUrlPatterns("/engine-rest/*");
    registration.setOrder(4);
    return registration;
  }

  /** Before any authentication: failed logins slow down their source (wuye.security.login-throttle). */
  @Bean
  FilterRegistrationBean<LoginThrottle> loginThrottle(
      org.springframework.jdbc.core.JdbcTemplate jdbc,
      @org.springframework.beans.factory.annotation.Value("${wuye.security.login-throttle.free-failures:5}") int freeFailures,
      @org.springframework.beans.factory.annotation.Value("${wuye.security.login-throttle.window:PT15M}") java.time.Duration window,
      @org.springframework.beans.factory.annotation.Value("${wuye.security.login-throttle.max-delay:PT5M}") java.time.Duration maxDelay,
      @org.springframework.beans.factory.annotation.Value("${wuye.security.trusted-proxies:}") List<String> trustedProxies) {
    FilterRegistrationBean<LoginThrottle> registration = new FilterRegistrationBean<>(
        new LoginThrottle(jdbc, freeFailures, window, maxDelay, trustedProxies));
    registration.setName("login-throttle");
    registration.addUrlPatterns("/engine-rest/*", "/api/*", "/app/*", "/actuator/*",
        "/camunda/api/admin/auth/user/*");
    registration.setOrder(0);
    return registration;
  }

  /** Outermost on the APIs: error answers never show internals. */
  @Bean
  FilterRegistrationBean<ErrorAnswerFilter> errorAnswerFilter() {
    FilterRegistrationBean<ErrorAnswerFilter> registration =
        new FilterRegistrationBean<>(new ErrorAnswerFilter());
    registration.setName("error-answers");
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*", "/api/*");
    registration.setOrder(-1);
    return registration;
  }

  /** After Camunda's authentication (order 1), before the start contract's check. */
  @Bean
  FilterRegistrationBean<RestBoundaryFilter> restBoundaryFilter(
      org.camunda.bpm.engine.ProcessEngine processEngine, List<CaseRefusals> refusals) {
    FilterRegistrationBean<RestBoundaryFilter> registration =
        new FilterRegistrationBean<>(new RestBoundaryFilter(processEngine, refusals));
    registration.setName("rest-boundary");
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
    registration.setOrder(3);
    return registration;
  }

  @Bean
  FilterRegistrationBean<ApiAuthenticationFilter> projectApiAuthenticationFilter(
      IdentityService identityService, com.wuye.workflow.office.Offices offices) {
    FilterRegistrationBean<ApiAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ApiAuthenticationFilter(identityService, offices));
    registration.setName("project-api-auth");
    // /engine-rest/engine (the list of engines) is the one REST path Camunda's filter leaves open
    registration.addUrlPatterns("/api/*", "/app/*", "/engine-rest/engine", "/engine-rest/engine/");
    registration.setOrder(2);
    return registration;
  }

  @Bean
  FilterRegistrationBean<ActuatorAuthenticationFilter> actuatorAuthenticationFilter(
      IdentityService identityService) {
    FilterRegistrationBean<ActuatorAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ActuatorAuthenticationFilter(identityService));
    registration.setName("actuator-auth");
    registration.addUrlPatterns("/actuator/*");
    registration.setOrder(2);
    return registration;
  }
}
