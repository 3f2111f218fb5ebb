package com.wuye.workflow.forms;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.server.ResponseStatusException;

/**
 * Errors of the project's own endpoints as {"message": …}: the message written for the user
 * when the request was refused, and nothing of the server's internals when something broke.
 */
@RestControllerAdvice(basePackages = "com.wuye.workflow")
class ApiErrors {

  private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

  @ExceptionHandler(ResponseStatusException.class)
  ResponseEntity<Map<String, String>> refused(ResponseStatusException e) {
    return ResponseEntity.status(e.getStatusCode())
        .body(Map.of("message", e.getReason() == null ? "" : e.getReason()));
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<Map<String, String>> missing(MissingServletRequestParameterException e) {
    return ResponseEntity.badRequest()
        .body(Map.of("message", "請提供參數「" + e.getParameterName() + "」。"));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Map<String, String>> mismatch(MethodArgumentTypeMismatchException e) {
    return ResponseEntity.badRequest().body(Map.of("message", "參數「" + e.getName() + "」的值無效。"));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Map<String, String>> broken(Exception e) {
    LOG.error("Request failed", e);
    return ResponseEntity.internalServerError().body(Map.of("message", "系統錯誤,請聯絡系統管理員。"));
  }
}
