-- Failed logins per client address, shared by every node (security/LoginThrottle).
CREATE TABLE login_throttle (
    source        VARCHAR(100) NOT NULL PRIMARY KEY,
    failures      INTEGER      NOT NULL,
    window_start  BIGINT       NOT NULL, -- epoch milliseconds
    blocked_until BIGINT       NOT NULL
);

-- What the identity seeding created once (identity/IdentitySeeder): an item listed here is
-- never created again, so what an administrator removed or revoked stays removed.
CREATE TABLE identity_seeding (
    item       VARCHAR(400) NOT NULL PRIMARY KEY,
    seeded_at  TIMESTAMP    NOT NULL
);
