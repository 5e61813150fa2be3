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
