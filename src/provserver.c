/*
 * Phones report their provisioning server loosely: "boot.example.com"
 * with type "FTP", or a whole URL such as "https://host/path".  Both
 * sides are cut into type, host, port and path and compared part by part;
 * a name and an address are the same host when the name resolves to it.
 */
#include <sys/socket.h>
#include <sys/types.h>

#include <ctype.h>
#include <netdb.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "provserver.h"
#include "strmap.h"
#include "xalloc.h"

struct where {
	char	*type;		/* lowercase scheme, NULL when unknown */
	char	*host;		/* NULL when none */
	char	*port;		/* filled in from the type when absent */
	char	*path;		/* no repeated or trailing '/'; "/" at least */
};

struct prov_share {
	struct where	 w;
	char		*shown;
	int		 local;
	struct strmap	*hosts;	/* phone's host -> 1 same, 2 different */
};

static char *
lower(const char *s, size_t len)
{
	char	*out = xstrndup(s, len), *p;

	for (p = out; *p != '\0'; p++)
		*p = tolower((unsigned char)*p);
	return out;
}

static const char *
default_port(const char *type)
{
	static const char *const ports[][2] = {
		{ "ftp", "21" }, { "ftps", "990" }, { "http", "80" },
		{ "https", "443" }, { "tftp", "69" },
	};
	size_t	i;

	for (i = 0; type != NULL && i < sizeof(ports) / sizeof(ports[0]); i++)
		if (strcmp(type, ports[i][0]) == 0)
			return ports[i][1];
	return "";
}

/* Cut s into w; type is the scheme to assume when s names none. */
static void
where_parse(const char *s, const char *type, struct where *w)
{
	const char	*p, *auth, *at, *colon;
	char		*path, *o;
	size_t		 alen;

	memset(w, 0, sizeof(*w));
	if ((p = strstr(s, "://")) != NULL) {
		w->type = lower(s, (size_t)(p - s));
		s = p + 3;
	} else if (type != NULL && *type != '\0')
		w->type = lower(type, strlen(type));
	auth = s;
	alen = strcspn(s, "/?#");
	/* user[:password]@ is not where the files are. */
	for (at = auth; (p = memchr(at, '@', alen - (size_t)(at - auth))) !=
	    NULL; at = p + 1)
		;
	alen -= (size_t)(at - auth);
	auth = at;
	if (alen > 0 && auth[0] == '[' &&
	    (p = memchr(auth, ']', alen)) != NULL) {
		w->host = lower(auth + 1, (size_t)(p - auth - 1));
		colon = p + 1 < auth + alen && p[1] == ':' ? p + 1 : NULL;
	} else {
		colon = memchr(auth, ':', alen);
		w->host = lower(auth, colon ? (size_t)(colon - auth) : alen);
	}
	if (*w->host == '\0') {
		free(w->host);
		w->host = NULL;
	}
	if (colon != NULL && colon + 1 < auth + alen)
		w->port = xstrndup(colon + 1, (size_t)(auth + alen - colon -
		    1));
	else
		w->port = xstrdup(default_port(w->type));
	p = auth + alen;
	path = xstrndup(p, strcspn(p, "?#"));
	for (p = path, o = path; *p != '\0'; p++)
		if (*p != '/' || o == path || o[-1] != '/')
			*o++ = *p;
	if (o > path && o[-1] == '/')
		o--;
	*o = '\0';
	w->path = xasprintf("/%s", path[0] == '/' ? path + 1 : path);
	free(path);
}

static void
where_free(struct where *w)
{
	free(w->type);
	free(w->host);
	free(w->port);
	free(w->path);
}

struct prov_share *
prov_share_new(const char *spec)
{
	struct prov_share	*ps = xcalloc(1, sizeof(*ps));

	ps->shown = xstrdup(spec);
	ps->local = strstr(spec, "://") == NULL ||
	    strncasecmp(spec, "file://", 7) == 0;
	if (!ps->local)
		where_parse(spec, NULL, &ps->w);
	ps->hosts = strmap_new();
	return ps;
}

void
prov_share_free(struct prov_share *ps)
{
	if (ps == NULL)
		return;
	where_free(&ps->w);
	free(ps->shown);
	strmap_free(ps->hosts, NULL);
	free(ps);
}

/* True if any address of a is an address of b. */
static int
same_addresses(const char *a, const char *b)
{
	struct addrinfo	 hints, *ra, *rb, *x, *y;
	int		 same = 0;

	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	if (getaddrinfo(a, NULL, &hints, &ra) != 0)
		return 0;
	if (getaddrinfo(b, NULL, &hints, &rb) != 0) {
		freeaddrinfo(ra);
		return 0;
	}
	for (x = ra; x != NULL && !same; x = x->ai_next)
		for (y = rb; y != NULL && !same; y = y->ai_next)
			same = x->ai_family == y->ai_family &&
			    x->ai_addrlen == y->ai_addrlen &&
			    memcmp(x->ai_addr, y->ai_addr, x->ai_addrlen) == 0;
	freeaddrinfo(ra);
	freeaddrinfo(rb);
	return same;
}

/* Hosts are compared by name, then by address, once per phone's host. */
static int
same_host(struct prov_share *ps, const char *host)
{
	uintptr_t	v;

	if (strcmp(host, ps->w.host) == 0)
		return 1;
	if ((v = (uintptr_t)strmap_get(ps->hosts, host)) == 0) {
		v = same_addresses(host, ps->w.host) ? 1 : 2;
		strmap_set(ps->hosts, host, (void *)v);
	}
	return v == 1;
}

/* Append "what: a, not b" to *s. */
static void
differs(char **s, const char *what, const char *phone, const char *share)
{
	char	*n;

	n = xasprintf("%s%s%s %s, not %s", *s ? *s : "", *s ? "; " : "",
	    what, phone, share);
	free(*s);
	*s = n;
}

enum prov_match
prov_compare(struct prov_share *ps, const char *addr, const char *type,
    char **why)
{
	struct where	 ph;
	char		*diff = NULL, *uses;

	*why = NULL;
	if (addr == NULL) {
		*why = xstrdup("the phone did not say which provisioning "
		    "server it uses");
		return PROV_UNKNOWN;
	}
	if (*addr == '\0') {
		*why = xstrdup("the phone reports no provisioning server");
		return PROV_UNKNOWN;
	}
	uses = xasprintf("%s%s%s%s", addr, type && *type ? " (" : "",
	    type && *type ? type : "", type && *type ? ")" : "");
	if (ps->local) {
		*why = xasprintf("the phone provisions from %s; the audited "
		    "share is the directory %s, which polyaudit cannot match "
		    "to a server: audit the server's URL to be sure", uses,
		    ps->shown);
		free(uses);
		return PROV_UNKNOWN;
	}
	where_parse(addr, type, &ph);
	if (ph.type == NULL || strcmp(ph.type, ps->w.type) != 0)
		differs(&diff, "type", ph.type ? ph.type : "unknown",
		    ps->w.type);
	if (ph.host == NULL || !same_host(ps, ph.host))
		differs(&diff, "host", ph.host ? ph.host : "none", ps->w.host);
	if (strcmp(ph.port, ps->w.port) != 0)
		differs(&diff, "port", *ph.port ? ph.port : "unknown",
		    ps->w.port);
	if (strcmp(ph.path, ps->w.path) != 0)
		differs(&diff, "path", ph.path, ps->w.path);
	where_free(&ph);
	if (diff == NULL) {
		*why = xasprintf("the phone provisions from %s, the audited "
		    "share", uses);
		free(uses);
		return PROV_SAME;
	}
	*why = xasprintf("the phone provisions from %s, not from the audited "
	    "share %s (%s): its running values may come from other files",
	    uses, ps->shown, diff);
	free(diff);
	free(uses);
	return PROV_DIFFERENT;
}

const char *
prov_match_name(enum prov_match m)
{
	static const char *const names[] = { "same", "different", "unknown" };

	return names[m];
}
