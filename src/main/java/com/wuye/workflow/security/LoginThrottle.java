package com.wuye.workflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Failed logins slow down the address that sends them, never lock out the user they name
 * (the engine's own per-user lock is switched off in application.yaml, or anyone could lock
 * out {@code admin} for good). A login attempt is a request with credentials (HTTP Basic on
 * {@code /engine-rest}, {@code /api}, {@code /app}, {@code /actuator}) or a webapp login; a
 * request without credentials, such as a load balancer's health probe, never counts.
 *
 * <p>An address has {@code free-failures} failed attempts within {@code window}; after that each
 * failure makes it wait twice as long as the last (1 s, 2 s, 4 s … up to {@code max-delay}),
 * and while it waits its logins are answered 429 without their password being looked at. The
 * counts are in the database, so every node of a cluster sees the same. Behind a load balancer
 * the address is the last one in {@code X-Forwarded-For} that is not one of the configured
 * {@code trusted-proxies}; the header of anybody else is ignored.
 */
public class LoginThrottle extends OncePerRequestFilter {

  private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);
  private static final Pattern WEBAPP_LOGIN =
      Pattern.compile("^/camunda/api/admin/auth/user/[^/]+/login/[^/]+$");

  private final JdbcTemplate jdbc;
  private final int freeFailures;
  private final Duration window;
  private final Duration maxDelay;
  private final List<String> trustedProxies;

  public LoginThrottle(JdbcTemplate jdbc, int freeFailures, Duration window, Duration maxDelay,
      List<String> trustedProxies) {
    this.jdbc = jdbc;
    this.freeFailures = freeFailures;
    this.window = window;
    this.maxDelay = maxDelay;
    this.trustedProxies = List.copyOf(trustedProxies);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    if (!isLoginAttempt(request)) {
      chain.doFilter(request, response);
      return;
    }
    String source = source(request);
    long now = System.currentTimeMillis();
    Long blockedUntil = jdbc.query("SELECT blocked_until FROM login_throttle WHERE source = ?",
        rs -> rs.next() ? rs.getLong(1) : null, source);
    if (blockedUntil != null && blockedUntil > now) {
      long seconds = Math.max(1, (blockedUntil - now + 999) / 1000);
      response.setStatus(429);
      response.setHeader("Retry-After", Long.toString(seconds));
      response.setContentType("application/json;charset=UTF-8");
      response.getWriter().write("{\"type\":\"LoginThrottled\",\"message\":\"登入失敗次數過多,請於 "
          + seconds + " 秒後再試。\"}");
      return;
    }
    chain.doFilter(request, response);
    if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
      recordFailure(source, now);
    }
  }

  private boolean isLoginAttempt(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header != null && !header.isBlank()) {
      return true;
    }
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return "POST".equals(request.getMethod()) && WEBAPP_LOGIN.matcher(path).matches();
  }

  /** The client's address: the peer, or behind trusted proxies the last address they added. */
  String source(HttpServletRequest request) {
    String peer = request.getRemoteAddr();
    String forwarded = request.getHeader("X-Forwarded-For");
    if (forwarded == null || !trustedProxies.contains(peer)) {
      return truncate(peer);
    }
    String[] hops = forwarded.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].trim();
      if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
        return truncate(hop);
      }
    }
    return truncate(peer);
  }

  private static String truncate(String address) {
    String clean = address == null ? "unknown" : address.replaceAll("[^0-9A-Za-z:.\\-\\[\\]%]", "_");
    return clean.length() > 100 ? clean.substring(0, 100) : clean;
  }

  private void recordFailure(String source, long now) {
    for (int attempt = 0; attempt < 3; attempt++) {
      var row = jdbc.query("SELECT failures, window_start FROM login_throttle WHERE source = ?",
          rs -> rs.next() ? new long[] {rs.getLong(1), rs.getLong(2)} : null, source);
      if (row == null) {
        try {
          jdbc.update("INSERT INTO login_throttle (source, failures, window_start, blocked_until)"
              + " VALUES (?, 1, ?, ?)", source, now, blockedUntil(1, now));
          return;
        } catch (DuplicateKeyException raced) {
          continue;
        }
      }
      boolean windowOver = now - row[1] > window.toMillis();
      long failures = windowOver ? 1 : row[0] + 1;
      long windowStart = windowOver ? now : row[1];
      int updated = jdbc.update("UPDATE login_throttle SET failures = ?, window_start = ?,"
              + " blocked_until = ? WHERE source = ? AND failures = ? AND window_start = ?",
          failures, windowStart, blockedUntil(failures, now), source, row[0], row[1]);
      if (updated == 1) {
        if (failures > freeFailures) {
          LOG.warn("{} failed logins from {}; its logins wait", failures, source);
        }
        return;
      }
    }
  }

  private long blockedUntil(long failures, long now) {
    if (failures <= freeFailures) {
      return 0;
    }
    long exponent = Math.min(failures - freeFailures - 1, 30);
    long delay = Math.min(1000L << exponent, maxDelay.toMillis());
    return now + delay;
  }
}
