#include <string.h>
#include <strings.h>

#include "redact.h"
#include "xalloc.h"

/* True if one name component (len bytes at s) names a password or PIN. */
static int
secret_part(const char *s, size_t len)
{
	char	part[256];

	if (len >= sizeof(part))
		len = sizeof(part) - 1;
	memcpy(part, s, len);
	part[len] = '\0';
	return strcasestr(part, "password") != NULL ||
	    strcasecmp(part, "pin") == 0 || strcasecmp(part, "passwd") == 0;
}

/*
 * True for parameters holding a password or PIN: reg.N.auth.password,
 * device.prov.password, device.auth.localAdminPassword, reg.N.pin...,
 * also in their per-model form reg.N.auth.password.VVX411 (but not the
 * device.*.set gates).
 */
int
redact_is_secret(const char *name)
{
	const char	*last = strrchr(name, '.'), *prev;

	if (strcasestr(name, "secret") != NULL)
		return 1;
	last = last ? last + 1 : name;
	if (secret_part(last, strlen(last)))
		return 1;
	if (last == name || strcmp(last, "set") == 0)
		return 0;
	for (prev = last - 1; prev > name && prev[-1] != '.'; prev--)
		;
	return secret_part(prev, (size_t)(last - 1 - prev));
}

/* A copy of s with the password of any scheme://user:password@ hidden. */
char *
redact_url(const char *s)
{
	const char	*scheme, *at, *colon, *slash;

	if ((scheme = strstr(s, "://")) == NULL)
		return xstrdup(s);
	scheme += 3;
	slash = strchr(scheme, '/');
	at = memchr(scheme, '@', slash ? (size_t)(slash - scheme) :
	    strlen(scheme));
	if (at == NULL)
		return xstrdup(s);
	/* The last '@' before the path ends the user information. */
	while ((slash == NULL || at < slash) &&
	    (colon = strchr(at + 1, '@')) != NULL &&
	    (slash == NULL || colon < slash))
		at = colon;
	colon = memchr(scheme, ':', (size_t)(at - scheme));
	if (colon == NULL)
		return xstrdup(s);
	return xasprintf("%.*s:%s%s", (int)(colon - s), s, REDACTED, at);
}
