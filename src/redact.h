/*
 * Secrets never reach output unless the user asks: parameter values such
 * as reg.1.auth.password (one table of secret names, redact.c) and the
 * user:password part of URLs.
 */
#ifndef REDACT_H
#define REDACT_H

#define REDACTED	"***"

int	 redact_is_secret(const char *);
char	*redact_url(const char *);
int	 redact_url_hides(const char *);
const char	*redact_value(const char *, const char *);

#endif
