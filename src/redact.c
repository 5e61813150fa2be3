#include <string.h>
#include <strings.h>

#include "redact.h"
#include "xalloc.h"

/*
 * True for parameters holding a password or PIN: reg.N.auth.password,
 * device.prov.password, device.auth.localAdminPassword, reg.N.pin...
 */
int
redact_is_secret(const char *name)
{
	const char	*last = strrchr(name, '.');

	last = last ? last + 1 : name;
	return strcasestr(last, "password") != NULL ||
	    strcasecmp(last, "pin") == 0 || strcasecmp(last, "passwd") == 0 ||
	    strcasestr(name, "secret") != NULL;
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
