/** Who may use the dashboard: users with hashed passwords, roles, sessions, CSRF checks and sign-in throttling. */
package io.argus.pipeline.dashboard.access;
