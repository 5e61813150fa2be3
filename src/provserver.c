/*
 * Phones report their provisioning server loosely: "boot.example.com"
 * with type "FTP", or a whole URL such as "https://host/path".  Both
 * sides are cut into type, host, port and path and compared part by part;
 * a name and an address are the same host when the name resolves to it.
 */
#include <sys/socket.h>
#include <sys/types.h>

#include <ctype.h>
#include <errno.h>
#include <netdb.h>
#include <pthread.h>
#include <time.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "provserver.h"
#include "strmap.h"
#include "xalloc.h"

/* The parts of a server's address, in one block. */
struct where {
	char	*type;		/* lowercase scheme, NULL when unknown */
	char	*host;		/* NULL when none */
	char	*port;		/* filled in from the type when absent */
	char	*path;		/* no repeated or trailing '/'; "/" at least */
	char	*text;		/* holds the four; where_free() frees it */
};

struct prov_share {
	struct where	 w;
	char		*shown;
	int		 local;
	struct strmap	*hosts;	/* phone's host -> 1 same, 2 different */
};

/* Copy len bytes of s to *o, lowercased if fold, and step past them. */
static char *
put(char **o, const char *s, size_t len, int fold)
{
	char	*out = *o;
	size_t	 i;

	for (i = 0; i < len; i++)
		out[i] = fold ? tolower((unsigned char)s[i]) : s[i];
	out[len] = '\0';
	*o = out + len + 1;
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
	const char	*p, *auth, *at, *colon, *dport;
	char		*o;
	size_t		 alen;

	memset(w, 0, sizeof(*w));
	/*
	 * Each part is a piece of s or type, or a default port, at most
	 * once: with the path's '/' and four NULs, this is room enough.
	 */
	o = w->text = xmalloc(strlen(s) + (type ? strlen(type) : 0) + 16);
	if ((p = strstr(s, "://")) != NULL) {
		w->type = put(&o, s, (size_t)(p - s), 1);
		s = p + 3;
	} else if (type != NULL && *type != '\0')
		w->type = put(&o, type, strlen(type), 1);
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
		w->host = put(&o, auth + 1, (size_t)(p - auth - 1), 1);
		colon = p + 1 < auth + alen && p[1] == ':' ? p + 1 : NULL;
	} else {
		colon = memchr(auth, ':', alen);
		w->host = put(&o, auth, colon ? (size_t)(colon - auth) : alen,
		    1);
	}
	if (*w->host == '\0')
		w->host = NULL;
	if (colon != NULL && colon + 1 < auth + alen)
		w->port = put(&o, colon + 1, (size_t)(auth + alen - colon - 1),
		    0);
	else {
		dport = default_port(w->type);
		w->port = put(&o, dport, strlen(dport), 0);
	}
	/* "/" and the path before any query, no '/' twice or at the end. */
	w->path = o;
	*o++ = '/';
	for (p = auth + alen; *p != '\0' && *p != '?' && *p != '#'; p++)
		if (*p != '/' || o[-1] != '/')
			*o++ = *p;
	if (o - w->path > 1 && o[-1] == '/')
		o--;
	*o = '\0';
}

static void
where_free(struct where *w)
{
	free(w->text);
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

/* The share's scheme (lowercase), or NULL for a directory. */
const char *
prov_share_type(const struct prov_share *ps)
{
	return ps->local ? NULL : ps->w.type;
}

/* The share as given, passwords removed. */
const char *
prov_share_shown(const struct prov_share *ps)
{
	return ps->shown;
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

/*
 * A look-up runs in a thread of its own, which shares the record with
 * the caller: the last of the two to let go frees it, so a name that
 * never resolves costs a thread until exit, never a wait.  (glibc's
 * getaddrinfo_a is not used: its gai_suspend with a time-out can leave
 * the helper thread notifying a waiter that has returned.)
 */
struct prov_lookup {
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;		/* done was set */
	int		 refs;		/* the caller, the thread */
	int		 done;
	char		*names[2];	/* the phone's host, the share's */
	struct addrinfo	*res[2];	/* NULL when it did not resolve */
};

/*
 * Threads still looking up: at most LOOKUPS_MAX, so names that never
 * resolve cannot pile up threads without end.  A look-up that gets no
 * thread never finishes, which makes its match unknown, never "different".
 */
#define LOOKUPS_MAX	64
static pthread_mutex_t	lookups_mu = PTHREAD_MUTEX_INITIALIZER;
static int		lookups;

static void
lookup_unref(struct prov_lookup *pl)
{
	int	i, last;

	pthread_mutex_lock(&pl->mu);
	last = --pl->refs == 0;
	pthread_mutex_unlock(&pl->mu);
	if (!last)
		return;
	for (i = 0; i < 2; i++) {
		if (pl->res[i] != NULL)
			freeaddrinfo(pl->res[i]);
		free(pl->names[i]);
	}
	pthread_cond_destroy(&pl->cv);
	pthread_mutex_destroy(&pl->mu);
	free(pl);
}

static void *
lookup_run(void *arg)
{
	struct prov_lookup	*pl = arg;
	struct addrinfo		 hints, *res[2] = { NULL, NULL };
	int			 i;

	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	for (i = 0; i < 2; i++)
		if (getaddrinfo(pl->names[i], NULL, &hints, &res[i]) != 0)
			res[i] = NULL;
	pthread_mutex_lock(&pl->mu);
	pl->res[0] = res[0];
	pl->res[1] = res[1];
	pl->done = 1;
	pthread_cond_broadcast(&pl->cv);
	pthread_mutex_unlock(&pl->mu);
	lookup_unref(pl);
	pthread_mutex_lock(&lookups_mu);
	lookups--;
	pthread_mutex_unlock(&lookups_mu);
	return NULL;
}

/* True if any address of ra is an address of rb. */
static int
any_same(const struct addrinfo *ra, const struct addrinfo *rb)
{
	const struct addrinfo	*x, *y;

	for (x = ra; x != NULL; x = x->ai_next)
		for (y = rb; y != NULL; y = y->ai_next)
			if (x->ai_family == y->ai_family &&
			    x->ai_addrlen == y->ai_addrlen &&
			    memcmp(x->ai_addr, y->ai_addr, x->ai_addrlen) == 0)
				return 1;
	return 0;
}

struct prov_lookup *
prov_lookup_start(struct prov_share *ps, const char *addr, const char *type)
{
	struct prov_lookup	*pl;
	struct where		 ph;
	pthread_condattr_t	 ca;
	pthread_attr_t		 ta;
	pthread_t		 t;

	if (ps->local || addr == NULL || *addr == '\0')
		return NULL;
	where_parse(addr, type, &ph);
	if (ph.host == NULL || ps->w.host == NULL ||
	    strcmp(ph.host, ps->w.host) == 0 ||
	    strmap_get(ps->hosts, ph.host) != NULL) {
		where_free(&ph);
		return NULL;
	}
	pl = xcalloc(1, sizeof(*pl));
	pl->names[0] = xstrdup(ph.host);
	pl->names[1] = xstrdup(ps->w.host);
	where_free(&ph);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_mutex_init(&pl->mu, NULL);
	pthread_cond_init(&pl->cv, &ca);
	pthread_condattr_destroy(&ca);
	pl->refs = 1;
	pthread_mutex_lock(&lookups_mu);
	if (lookups < LOOKUPS_MAX) {
		pthread_attr_init(&ta);
		pthread_attr_setdetachstate(&ta, PTHREAD_CREATE_DETACHED);
		pl->refs = 2;
		if (pthread_create(&t, &ta, lookup_run, pl) == 0)
			lookups++;
		else
			pl->refs = 1;
		pthread_attr_destroy(&ta);
	}
	pthread_mutex_unlock(&lookups_mu);
	return pl;
}

int
prov_lookup_wait(struct prov_lookup *pl, long ms)
{
	struct timespec	 end;
	int		 done;

	if (pl == NULL)
		return 1;
	clock_gettime(CLOCK_MONOTONIC, &end);
	end.tv_sec += ms / 1000;
	end.tv_nsec += (ms % 1000) * 1000000;
	if (end.tv_nsec >= 1000000000) {
		end.tv_sec++;
		end.tv_nsec -= 1000000000;
	}
	pthread_mutex_lock(&pl->mu);
	while (!pl->done && ms > 0 &&
	    pthread_cond_timedwait(&pl->cv, &pl->mu, &end) != ETIMEDOUT)
		;
	done = pl->done;
	pthread_mutex_unlock(&pl->mu);
	return done;
}

void
prov_lookup_free(struct prov_lookup *pl)
{
	if (pl != NULL)
		lookup_unref(pl);
}

/*
 * Hosts are compared by name, then by address, once per phone's host:
 * 1 same, 0 different, -1 when the look-up has not finished.
 */
static int
same_host(struct prov_share *ps, const char *host, struct prov_lookup *pl)
{
	uintptr_t	v;

	if (strcmp(host, ps->w.host) == 0)
		return 1;
	if ((v = (uintptr_t)strmap_get(ps->hosts, host)) == 0) {
		/* Never looked up here: a name may take forever. */
		if (pl == NULL || !prov_lookup_wait(pl, 0))
			return -1;
		else
			v = any_same(pl->res[0], pl->res[1]) ? 1 : 2;
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
    struct prov_lookup *pl, char **why)
{
	struct where	 ph;
	char		*diff = NULL, *uses;
	int		 same;

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
	same = ph.host == NULL ? 0 : same_host(ps, ph.host, pl);
	if (same == -1) {
		*why = xasprintf("the phone provisions from %s; the look-up of "
		    "%s did not finish within the phone's --timeout, so "
		    "whether that is the audited share %s cannot be told",
		    uses, ph.host, ps->shown);
		where_free(&ph);
		free(diff);
		free(uses);
		return PROV_UNKNOWN;
	}
	if (!same)
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
