#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "redact.h"
#include "xalloc.h"

/*
 * True if s holds word (lowercase), in any case.  strcasestr() sets up a
 * two-way search on every call, which costs more than a whole scan row.
 */
static int
has_word(const char *s, size_t len, const char *word)
{
	size_t	wl = strlen(word), i;

	for (i = 0; i + wl <= len; i++)
		if (tolower((unsigned char)s[i]) == word[0] &&
		    strncasecmp(s + i, word, wl) == 0)
			return 1;
	return 0;
}

/* True if one name component (len bytes at s) names a password or PIN. */
static int
secret_part(const char *s, size_t len)
{
	return has_word(s, len, "password") ||
	    (len == 3 && strncasecmp(s, "pin", 3) == 0) ||
	    (len == 6 && strncasecmp(s, "passwd", 6) == 0);
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

	if (has_word(name, strlen(name), "secret"))
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
