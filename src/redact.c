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

/*
 * A copy of s with the password of user:password@ hidden, in a URL or a
 * bare "user:password@host" (phones report either).
 */
char *
redact_url(const char *in)
{
	const char	*auth, *end, *at, *colon;

	auth = strstr(in, "://");
	auth = auth == NULL ? in : auth + 3;
	end = auth + strcspn(auth, "/?#");
	at = NULL;
	/* The last '@' before the path ends the user information. */
	for (colon = auth; colon < end; colon++)
		if (*colon == '@')
			at = colon;
	if (at == NULL)
		return xstrdup(in);
	colon = memchr(auth, ':', at - auth);
	if (colon == NULL)
		return xstrdup(in);
	return xasprintf("%.*s:%s%s", (int)(colon - in), in, REDACTED, at);
}
