#include <ctype.h>
#include <stdint.h>
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

enum match {
	M_HAS,		/* a component holds the word */
	M_ENDS,		/* a component ends with it */
	M_KEYN,		/* a component is the word, perhaps with a digit */
};

/*
 * The secret parameters: a name is secret when one of its dot-separated
 * components matches a row (in any case) and the name starts with the
 * row's prefix.  The rows and their examples are the real Poly secrets
 * of ../shared/reference and ../shared/corpus; SECURITY.md lists them and
 * tests/secrets.sh plants a value for each.  Since any component may
 * match, per-model names (reg.1.auth.password.VVX411) are covered.
 */
static const struct secret_row {
	const char	*prefix;
	enum match	 how;
	const char	*word;
} secret_rows[] = {
	/* reg.N.auth.password, device.prov.password, localAdminPassword */
	{ "", M_HAS, "password" },
	{ "", M_HAS, "passwd" },
	/* extension.secret, tcpIpApp.sntp.sharedSecret */
	{ "", M_HAS, "secret" },
	/* reg.N.pin, device.logincred.pin, reg.1.auth.userPin */
	{ "", M_ENDS, "pin" },
	/* device.sec.configEncryption.key: the key of encrypted files */
	{ "device.sec.configencryption.", M_KEYN, "key" },
	/* device.wifi.psk.key, device.wifi.wep.key1..4 */
	{ "device.wifi.", M_KEYN, "key" },
	/* sec.TLS.customDeviceKey: the phone's private key */
	{ "", M_ENDS, "devicekey" },
	{ "", M_HAS, "privatekey" },
	/* SNMP community strings: device.snmp.community... */
	{ "", M_HAS, "community" },
};

/*
 * Switches and counts that hold no secret although a row matches: the
 * .set gates, .enabled and .hashed flags, and the names below.
 */
static const char *const visible_last[] = { "set", "enabled", "hashed" };
static const char *const visible_names[] = {
	"up.echoPasswordDigits",	/* show digits while typing: 0/1 */
};

static int
row_matches(const struct secret_row *r, const char *part, size_t len)
{
	size_t	wl = strlen(r->word);

	switch (r->how) {
	case M_HAS:
		return has_word(part, len, r->word);
	case M_ENDS:
		return len >= wl && strncasecmp(part + len - wl, r->word,
		    wl) == 0;
	case M_KEYN:
		return (len == wl || (len == wl + 1 &&
		    isdigit((unsigned char)part[wl]))) &&
		    strncasecmp(part, r->word, wl) == 0;
	}
	return 0;
}

/*
 * A scan asks about the same few names for every phone, so the answers
 * for recent names are kept, direct-mapped by a hash of the name; a name
 * longer than a slot is judged each time.
 */
#define MEMO_SLOTS	64
#define MEMO_NAME	64

static _Thread_local struct memo {
	char	name[MEMO_NAME];	/* "" while empty */
	int	secret;
} memo[MEMO_SLOTS];

static int	judge(const char *);

/*
 * True for the parameters of secret_rows, not the visible ones.  The
 * slot comes from the length and the first and last 8 bytes, not every
 * byte: names differ there (reg.1. and reg.2., .password and .userId),
 * and a collision only costs a judge().
 */
int
redact_is_secret(const char *name)
{
	struct memo	*m;
	uint64_t	 a = 0, z = 0, h;
	size_t		 len = strlen(name);

	if (len == 0 || len >= MEMO_NAME)
		return judge(name);
	memcpy(&a, name, len < 8 ? len : 8);
	memcpy(&z, name + (len < 8 ? 0 : len - 8), len < 8 ? len : 8);
	h = (a ^ z * 0x9e3779b97f4a7c15ULL ^ len) * 0xff51afd7ed558ccdULL;
	m = &memo[(h >> 32) % MEMO_SLOTS];
	if (memcmp(m->name, name, len + 1) != 0) {
		m->secret = judge(name);
		memcpy(m->name, name, len + 1);
	}
	return m->secret;
}

static int
judge(const char *name)
{
	const struct secret_row	*r;
	const char		*part, *end, *last;
	size_t			 i, len;

	last = strrchr(name, '.');
	last = last ? last + 1 : name;
	for (i = 0; i < sizeof(visible_last) / sizeof(visible_last[0]); i++)
		if (last != name && strcasecmp(last, visible_last[i]) == 0)
			return 0;
	for (i = 0; i < sizeof(visible_names) / sizeof(visible_names[0]); i++)
		if (strcasecmp(name, visible_names[i]) == 0)
			return 0;
	for (r = secret_rows; r < secret_rows + sizeof(secret_rows) /
	    sizeof(secret_rows[0]); r++) {
		if (strncasecmp(name, r->prefix, strlen(r->prefix)) != 0)
			continue;
		for (part = name; ; part = end + 1) {
			end = strchr(part, '.');
			len = end ? (size_t)(end - part) : strlen(part);
			if (row_matches(r, part, len))
				return 1;
			if (end == NULL)
				break;
		}
	}
	return 0;
}

/*
 * The ':' that starts the password of user:password@ in in, with *atp at
 * the '@' that ends it, or NULL.  A bare "user:password@host" counts only
 * when bare is set: phones report that form, but share values such as
 * "sip:alice@example.com" have the same shape and hold no password.
 */
static const char *
password_at(const char *in, int bare, const char **atp)
{
	const char	*auth, *end, *at = NULL, *p;

	/* Most values hold no '@' at all: one quick scan says so. */
	if (strchr(in, '@') == NULL)
		return NULL;
	auth = strstr(in, "://");
	if (auth == NULL && !bare)
		return NULL;
	auth = auth == NULL ? in : auth + 3;
	end = auth + strcspn(auth, "/?#");
	/* The last '@' before the path ends the user information. */
	for (p = auth; p < end; p++)
		if (*p == '@')
			at = p;
	if (at == NULL)
		return NULL;
	*atp = at;
	return memchr(auth, ':', at - auth);
}

/* Whether redact_url() would hide anything in s. */
int
redact_url_hides(const char *in)
{
	const char	*at;

	return password_at(in, 1, &at) != NULL;
}

/*
 * A copy of s with the password of user:password@ hidden, in a URL or a
 * bare "user:password@host" (phones report either).
 */
char *
redact_url(const char *in)
{
	const char	*at, *colon = password_at(in, 1, &at);

	if (colon == NULL)
		return xstrdup(in);
	return xasprintf("%.*s:%s%s", (int)(colon - in), in, REDACTED, at);
}

/*
 * The value of parameter name as output may show it: REDACTED for a
 * secret parameter and for a URL that carries a password
 * (device.prov.serverName="ftp://user:pw@host"), else value itself.
 * Borrowed: value or a static string.
 */
const char *
redact_value(const char *name, const char *value)
{
	const char	*at;

	if (value == NULL || *value == '\0')
		return value;
	if (redact_is_secret(name) || password_at(value, 0, &at) != NULL)
		return REDACTED;
	return value;
}
