/*
 * A share on a provisioning server (FTP, FTPS, HTTP, HTTPS or TFTP), read
 * with libcurl the way a phone fetches its files: one file per request,
 * only the files the resolution asks for.  Transfers are bounded in time
 * and size, redirects never lead to another host, and the password is
 * handed to libcurl apart from the URL so no message can carry it.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>

#include "redact.h"
#include "share_int.h"
#include "strmap.h"
#include "strpool.h"
#include "xalloc.h"

#define URL_CONNECT_TIMEOUT	5L	/* seconds */
#define URL_TOTAL_TIMEOUT	30L	/* seconds, per file */
#define URL_TIMEOUT_MAX		3600L	/* for POLYAUDIT_SHARE_TIMEOUT */
#define URL_MAXREDIRS		5

/* Where and as whom to fetch: a share's base, or one URL entry's host. */
/* The URL's parts and the netrc file are in text. */
struct remote {
	char	*scheme;	/* lowercase */
	char	*host;
	char	*port;		/* NULL for the scheme's default */
	char	*dport;		/* the port, default filled in */
	char	*base;		/* scheme://host[:port]/path/, no user info */
	char	*shown;		/* base as printed: user kept, no password */
	char	*user;		/* NULL or decoded */
	char	*password;	/* NULL or decoded; zeroed before it goes */
	char	*netrc;		/* NULL or a netrc file */
	struct strpool text;
	char	*dead;		/* NULL, or why the server is not asked again */
	int	 proven;	/* a login went through: transfers in parallel */
	long	 connect_s;	/* time-outs, seconds */
	long	 total_s;
	struct fetcher *fetcher;	/* a share's background transfers */
	char	**chain;	/* the server's certificates (PEM), leaf first */
	size_t	 nchain;
	int	 chain_read;	/* chain set, or chain_err says why not */
	char	*chain_err;
};

struct body {
	char	*buf;
	size_t	 len;
	size_t	 cap;
	int	 toobig;	/* stopped at SHARE_MAXFILE */
	time_t	 mtime;		/* FETCH_TIME: the server's, or -1 */
};

/* One of the background transfers; a slot keeps its handle for the next. */
struct xfer {
	CURL		*h;		/* NULL until first used */
	int		 busy;
	struct body	 b;
	char		 errbuf[CURL_ERROR_SIZE];
	char		*path;
	char		*url;
	char		*shown;
};

/*
 * A share's transfers: one multi handle for the whole run, so that every
 * file, listing and redirect of the share goes over the connections (and
 * FTP logins) already made, and at most sh->jobs transfers at once; the
 * rest wait in a queue, first asked first fetched.
 */
struct fetcher {
	CURLM		*m;
	CURL		*lone;		/* for fetch(), NULL until first used */
	int		 passive;	/* a passive-mode reply came (on_reply) */
	size_t		 logins;	/* FTP logins that went through (ditto) */
	size_t		 most;		/* connections the server takes, or 0 */
	struct xfer	*slot;
	size_t		 nslot;
	size_t		 busy;
	char		**queue;
	size_t		 qhead;
	size_t		 qtail;
	size_t		 qcap;
	struct share_got *done;		/* finished, not handed out yet */
	size_t		 ndone;
	size_t		 donecap;
};

#define FETCH_LIST	0x1	/* an FTP listing: names only (NLST) */
#define FETCH_TIME	0x2	/* ask for the file's time (MDTM,
				   Last-Modified) too */

static struct fetcher *fetcher_new(size_t);
static void	fetcher_free(struct fetcher *);
static CURLcode	perform(struct remote *, CURL *);

static int
is_tls(const struct remote *rm)
{
	return strcmp(rm->scheme, "https") == 0 ||
	    strcmp(rm->scheme, "ftps") == 0;
}

static void
remote_drop_chain(struct remote *rm)
{
	size_t	i;

	for (i = 0; i < rm->nchain; i++)
		free(rm->chain[i]);
	free(rm->chain);
	rm->chain = NULL;
	rm->nchain = 0;
}

/*
 * Keep the certificates h's handshake saw (CURLINFO_CERTINFO, the
 * OpenSSL backend's "Cert" entries), unless a chain is kept already.  A
 * transfer on a reused connection has none.
 */
static void
keep_chain(struct remote *rm, CURL *h)
{
	struct curl_certinfo	*ci = NULL;
	struct curl_slist	*e;
	int			 i;

	if (rm->chain_read || !is_tls(rm) ||
	    curl_easy_getinfo(h, CURLINFO_CERTINFO, &ci) != CURLE_OK ||
	    ci == NULL || ci->num_of_certs <= 0)
		return;
	rm->chain = xcalloc((size_t)ci->num_of_certs, sizeof(*rm->chain));
	for (i = 0; i < ci->num_of_certs; i++)
		for (e = ci->certinfo[i]; e != NULL; e = e->next)
			if (strncmp(e->data, "Cert:", 5) == 0 &&
			    rm->chain[rm->nchain] == NULL)
				rm->chain[rm->nchain++] = xstrdup(e->data + 5);
	if (rm->nchain == 0) {
		remote_drop_chain(rm);
		return;
	}
	rm->chain_read = 1;
}

static void
remote_free(struct remote *rm)
{
	fetcher_free(rm->fetcher);
	if (rm->password != NULL)
		explicit_bzero(rm->password, strlen(rm->password));
	strpool_free(&rm->text);
	free(rm->dead);
	remote_drop_chain(rm);
	free(rm->chain_err);
	memset(rm, 0, sizeof(*rm));
}

static void
global_init(void)
{
	static int	done;

	if (done++)
		return;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0)
		abort();
	atexit(curl_global_cleanup);
}

/* True if spec names a scheme this backend reads. */
int
share_url_is_remote(const char *spec)
{
	static const char *const schemes[] = {
		"ftp://", "ftps://", "http://", "https://", "tftp://",
	};
	size_t	i;

	for (i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++)
		if (strncasecmp(spec, schemes[i], strlen(schemes[i])) == 0)
			return 1;
	return 0;
}

/* A part of u copied into sp, or NULL if absent. */
static char *
urlpart(CURLU *u, CURLUPart what, unsigned int flags, struct strpool *sp)
{
	char	*s, *out;

	if (curl_url_get(u, what, &s, flags) != CURLUE_OK)
		return NULL;
	out = strpool_dup(sp, s);
	curl_free(s);
	return out;
}

/*
 * The time-outs: POLYAUDIT_SHARE_TIMEOUT=S bounds each file to S seconds
 * and the connection to the lesser of S and the default, so that a slow
 * network can wait longer and tests need not wait 30 s on a silent server.
 */
static int
timeouts(struct remote *rm, char **cause)
{
	const char	*s = getenv("POLYAUDIT_SHARE_TIMEOUT");
	char		*end;
	long		 v;

	rm->connect_s = URL_CONNECT_TIMEOUT;
	rm->total_s = URL_TOTAL_TIMEOUT;
	if (s == NULL || *s == '\0')
		return 0;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < 1 || v > URL_TIMEOUT_MAX) {
		*cause = xasprintf("POLYAUDIT_SHARE_TIMEOUT: want seconds, 1 "
		    "to %ld", URL_TIMEOUT_MAX);
		return -1;
	}
	rm->total_s = v;
	if (v < rm->connect_s)
		rm->connect_s = v;
	return 0;
}

/*
 * Split url into rm.  With dir set the path is a directory and gets a
 * trailing slash.  -1 with *cause (naming the redacted URL) on failure.
 */
static int
remote_parse(struct remote *rm, const char *url, int dir, char **cause)
{
	CURLU		*u;
	const char	*path, *slash;
	char		*p, *shown;

	memset(rm, 0, sizeof(*rm));
	shown = redact_url(url);
	if (!share_url_is_remote(url)) {
		*cause = xasprintf("%s: not an ftp, ftps, http, https or tftp "
		    "URL", shown);
		free(shown);
		return -1;
	}
	if (timeouts(rm, cause) == -1) {
		free(shown);
		return -1;
	}
	global_init();
	if ((u = curl_url()) == NULL)
		abort();
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    (rm->host = urlpart(u, CURLUPART_HOST, 0, &rm->text)) == NULL) {
		*cause = xasprintf("%s: not a valid URL", shown);
		free(shown);
		curl_url_cleanup(u);
		return -1;
	}
	free(shown);
	rm->scheme = urlpart(u, CURLUPART_SCHEME, 0, &rm->text);
	for (p = rm->scheme; *p != '\0'; p++)
		*p = tolower((unsigned char)*p);
	rm->port = urlpart(u, CURLUPART_PORT, 0, &rm->text);
	rm->dport = urlpart(u, CURLUPART_PORT, CURLU_DEFAULT_PORT, &rm->text);
	rm->user = urlpart(u, CURLUPART_USER, CURLU_URLDECODE, &rm->text);
	rm->password = urlpart(u, CURLUPART_PASSWORD, CURLU_URLDECODE,
	    &rm->text);
	path = urlpart(u, CURLUPART_PATH, 0, &rm->text);
	curl_url_cleanup(u);
	if (path == NULL)
		path = "/";
	slash = dir && path[strlen(path) - 1] != '/' ? "/" : "";
	rm->base = strpool_printf(&rm->text, "%s://%s%s%s%s%s", rm->scheme,
	    rm->host, rm->port ? ":" : "", rm->port ? rm->port : "", path,
	    slash);
	if (rm->user != NULL) {
		p = curl_easy_escape(NULL, rm->user, 0);
		rm->shown = strpool_printf(&rm->text, "%s://%s%s@%s%s%s%s%s",
		    rm->scheme, p, rm->password ? ":" REDACTED : "", rm->host,
		    rm->port ? ":" : "", rm->port ? rm->port : "", path, slash);
		curl_free(p);
	} else
		rm->shown = rm->base;
	return 0;
}

/* rel percent-encoded for a URL path: '/' stays, all else not plain goes. */
static char *
encode_path(const char *rel)
{
	static const char	 hex[] = "0123456789ABCDEF";
	const unsigned char	*s;
	char			*out, *o;

	out = o = xmalloc(strlen(rel) * 3 + 1);
	for (s = (const unsigned char *)rel; *s != '\0'; s++) {
		if (isalnum(*s) || strchr("-._~/", *s) != NULL)
			*o++ = (char)*s;
		else {
			*o++ = '%';
			*o++ = hex[*s >> 4];
			*o++ = hex[*s & 15];
		}
	}
	*o = '\0';
	return out;
}

static size_t
onwrite(char *data, size_t size, size_t n, void *arg)
{
	struct body	*b = arg;
	size_t		 add = size * n;

	if (add > SHARE_MAXFILE - b->len) {
		b->toobig = 1;
		return 0;	/* aborts the transfer */
	}
	if (b->len + add + 1 > b->cap) {
		while (b->len + add + 1 > b->cap)
			b->cap = b->cap ? b->cap * 2 : 16384;
		b->buf = xreallocarray(b->buf, b->cap, 1);
	}
	memcpy(b->buf + b->len, data, add);
	b->len += add;
	b->buf[b->len] = '\0';
	return add;
}

/* True if a redirect target is HTTP(S) on rm's own host and port. */
static int
same_host(const struct remote *rm, const char *target)
{
	struct remote	 to;
	char		*cause = NULL;
	int		 same;

	if (remote_parse(&to, target, 0, &cause) == -1) {
		free(cause);
		return 0;
	}
	same = strcasecmp(to.host, rm->host) == 0 &&
	    strncmp(to.scheme, "http", 4) == 0 && to.dport != NULL &&
	    rm->dport != NULL && strcmp(to.dport, rm->dport) == 0;
	remote_free(&to);
	return same;
}

/*
 * libcurl 7.88 can leave an FTP transfer waiting on nothing: when the
 * answer to EPSV (or PASV) is read in the call that sent it, the data
 * connection is set up but not begun, and curl_multi_poll() gets no
 * socket and no timer for it, so it sleeps its whole time-out (a second
 * per file).  libcurl hands FTP replies to the header callback; after a
 * passive-mode reply, collect() runs the transfers once more at once.
 */
static size_t
on_reply(char *line, size_t size, size_t n, void *arg)
{
	struct fetcher	*f = arg;

	if (size * n >= 4 && (strncmp(line, "227 ", 4) == 0 ||
	    strncmp(line, "229 ", 4) == 0))
		f->passive = 1;
	if (size * n >= 4 && strncmp(line, "230 ", 4) == 0)
		f->logins++;
	return size * n;
}

/*
 * How many transfers may run at once: one until a login went through.
 * Over FTP each new connection logs in, and a server may refuse logins
 * beyond its limit of sessions (proftpd's MaxClientsPerUser answers
 * 530): one transfer more than the logins that went through, so that a
 * single login is ever in doubt and at most one is refused.
 */
static size_t
xfer_limit(const struct remote *rm)
{
	const struct fetcher	*f = rm->fetcher;
	size_t			 n = f->logins > 0 ? f->logins :
				    (size_t)rm->proven;

	if (n == 0)
		return 1;
	if (f->most > 0 && n >= f->most)
		return f->most;
	if (strncmp(rm->scheme, "ftp", 3) != 0 || n >= f->nslot)
		return f->nslot;
	return n + 1;
}

/*
 * Whether a transfer failed on a new connection the server turned away
 * (FTP 421, which libcurl takes for a time-out; over implicit FTPS the
 * 421 comes before TLS, which then fails) while others of ours are
 * logged in: its limit of connections (vsftpd max_per_ip, pure-ftpd
 * -C), not a dead server.  The transfers then keep within fewer
 * connections, and the file is asked again; at one, 421 is a failure.
 */
static int
turned_away(struct remote *rm, CURL *h, CURLcode rc)
{
	struct fetcher	*f = rm->fetcher;
	long		 code = 0, conns = 0;

	if (f->logins == 0 || f->most == 1 ||
	    strncmp(rm->scheme, "ftp", 3) != 0)
		return 0;
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
	curl_easy_getinfo(h, CURLINFO_NUM_CONNECTS, &conns);
	if (conns == 0 || !((rc == CURLE_OPERATION_TIMEDOUT && code == 421) ||
	    (rc == CURLE_SSL_CONNECT_ERROR && is_tls(rm))))
		return 0;
	/* Fewer each time: the logins counted may be of closed ones. */
	f->most = f->most == 0 ? f->logins : f->most - 1;
	if (f->most == 0)
		f->most = 1;
	return 1;
}

/* Set h up to fetch url into b as rm's user; errbuf gets libcurl's words. */
static void
setup(CURL *h, const struct remote *rm, const char *url, int how,
    struct body *b, char *errbuf)
{
	int	http = strncmp(rm->scheme, "http", 4) == 0;

	curl_easy_reset(h);
	errbuf[0] = '\0';
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, rm->connect_s);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, rm->total_s);
	curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE,
	    (curl_off_t)SHARE_MAXFILE);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, onwrite);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, b);
	/* Redirects are checked and followed by hand, in fetch(). */
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
#if LIBCURL_VERSION_NUM >= 0x075500
	/* A same-host redirect may go from http to https. */
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, http ? "http,https" :
	    rm->scheme);
#else
	(void)http;
	curl_easy_setopt(h, CURLOPT_PROTOCOLS, CURLPROTO_FTP | CURLPROTO_FTPS |
	    CURLPROTO_HTTP | CURLPROTO_HTTPS | CURLPROTO_TFTP);
#endif
	curl_easy_setopt(h, CURLOPT_USERAGENT, "polyaudit");
	/* RETR dir/name in one go: a missing directory is a 550. */
	curl_easy_setopt(h, CURLOPT_FTP_FILEMETHOD, (long)CURLFTPMETHOD_NOCWD);
	/*
	 * No SIZE before RETR: one round trip a file less.  The size limit
	 * holds anyway (onwrite), and the server's 226 still says whether
	 * the file came whole.  on_reply() watches for a libcurl stall.
	 */
	if (strncmp(rm->scheme, "ftp", 3) == 0) {
		curl_easy_setopt(h, CURLOPT_IGNORE_CONTENT_LENGTH, 1L);
		curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_reply);
		curl_easy_setopt(h, CURLOPT_HEADERDATA, rm->fetcher);
	}
	if (how & FETCH_LIST)
		curl_easy_setopt(h, CURLOPT_DIRLISTONLY, 1L);
	if (how & FETCH_TIME)
		curl_easy_setopt(h, CURLOPT_FILETIME, 1L);
	if (rm->user != NULL)
		curl_easy_setopt(h, CURLOPT_USERNAME, rm->user);
	if (rm->password != NULL)
		curl_easy_setopt(h, CURLOPT_PASSWORD, rm->password);
	/* Only the file asked for: never ~/.netrc behind our back. */
	if (rm->netrc != NULL) {
		curl_easy_setopt(h, CURLOPT_NETRC, (long)CURL_NETRC_OPTIONAL);
		curl_easy_setopt(h, CURLOPT_NETRC_FILE, rm->netrc);
	}
	/* The chain, for what a phone would make of it (tlstrust.c). */
	if (is_tls(rm))
		curl_easy_setopt(h, CURLOPT_CERTINFO, 1L);
	/* Like curl(1): a private CA for a test or in-house server. */
	if (getenv("CURL_CA_BUNDLE") != NULL)
		curl_easy_setopt(h, CURLOPT_CAINFO, getenv("CURL_CA_BUNDLE"));
}

/* True if a finished transfer on h is an HTTP redirect. */
static int
redirected(CURL *h, const struct remote *rm, CURLcode rc)
{
	long	code = 0;

	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
	return rc == CURLE_OK && strncmp(rm->scheme, "http", 4) == 0 &&
	    code >= 300 && code <= 399;
}

/*
 * What a finished transfer on h (not a redirect) means: CFG_OK, or
 * CFG_MISSING when the server says there is no such file, or CFG_REFUSED;
 * *cause names the URL as shown unless CFG_OK.  A server that does not
 * answer is marked dead.  b is emptied unless CFG_OK.
 */
static enum cfg_status
outcome(CURL *h, struct remote *rm, CURLcode rc, const char *errbuf,
    struct body *b, const char *shown, char **cause)
{
	long		 code = 0;
	int		 http = strncmp(rm->scheme, "http", 4) == 0;
	enum cfg_status	 st = CFG_REFUSED;

	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
	keep_chain(rm, h);
	if (b->toobig || rc == CURLE_FILESIZE_EXCEEDED) {
		*cause = xasprintf("%s: larger than the %u MiB limit; transfer "
		    "aborted", shown, SHARE_MAXFILE >> 20);
		goto out;
	}
	switch (rc) {
	case CURLE_OK:
		if (http && (code == 404 || code == 410)) {
			st = CFG_MISSING;
			*cause = xasprintf("%s: no such file on the server "
			    "(HTTP %ld)", shown, code);
		} else if (http && code == 401) {
			*cause = xasprintf("%s: HTTP 401: login refused (give "
			    "the password in POLYAUDIT_SHARE_PASSWORD or a "
			    "--netrc-file)", shown);
			if (rm->dead == NULL)
				rm->dead = xstrdup(*cause);
		} else if (http && code != 200)
			*cause = xasprintf("%s: HTTP %ld", shown, code);
		else
			st = CFG_OK;
		break;
	case CURLE_REMOTE_FILE_NOT_FOUND:
	case CURLE_TFTP_NOTFOUND:
		st = CFG_MISSING;
		*cause = xasprintf("%s: no such file on the server", shown);
		break;
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_COULDNT_CONNECT:
	case CURLE_COULDNT_RESOLVE_HOST:
		*cause = xasprintf("%s: %s%s", shown, rc ==
		    CURLE_OPERATION_TIMEDOUT ? "no answer within the time-out: "
		    : "", errbuf[0] ? errbuf : curl_easy_strerror(rc));
		if (rm->dead == NULL)
			rm->dead = xstrdup(*cause);
		break;
	case CURLE_LOGIN_DENIED:
		*cause = xasprintf("%s: login refused (give the password in "
		    "POLYAUDIT_SHARE_PASSWORD or a --netrc-file)", shown);
		if (rm->dead == NULL)
			rm->dead = xstrdup(*cause);
		break;
	default:
		*cause = xasprintf("%s: %s", shown, errbuf[0] ? errbuf :
		    curl_easy_strerror(rc));
		break;
	}
out:
	if (st == CFG_OK || st == CFG_MISSING)
		rm->proven = 1;
	if (st != CFG_OK) {
		free(b->buf);
		memset(b, 0, sizeof(*b));
	}
	return st;
}

/* The time the server gave for the file fetched on h; -1 if none (TFTP). */
static void
filetime(CURL *h, time_t *t)
{
	curl_off_t	ft = -1;

	if (curl_easy_getinfo(h, CURLINFO_FILETIME_T, &ft) == CURLE_OK)
		*t = (time_t)ft;
}

/* The refusal for a server that failed before, or NULL to go ahead. */
static char *
not_again(const struct remote *rm, const char *shown)
{
	/*
	 * One time-out per server, not one per file the phone would ask;
	 * one refused login, not one per file (accounts get locked).
	 */
	if (rm->dead == NULL)
		return NULL;
	return xasprintf("%s: not asked, the server failed before: %s", shown,
	    rm->dead);
}

/*
 * Fetch url (below rm's host) into *b, following same-host redirects.
 * Returns as outcome() does.  how is FETCH_* flags.
 */
static enum cfg_status
fetch(struct remote *rm, const char *url, const char *shown,
    int how, struct body *b, char **cause)
{
	char		 errbuf[CURL_ERROR_SIZE], *loc = NULL, *next = NULL;
	CURL		*h;
	CURLcode	 rc;
	int		 hops;
	enum cfg_status	 st = CFG_REFUSED;

	memset(b, 0, sizeof(*b));
	if ((*cause = not_again(rm, shown)) != NULL)
		return CFG_REFUSED;
	if (rm->fetcher->lone == NULL &&
	    (rm->fetcher->lone = curl_easy_init()) == NULL)
		abort();
	h = rm->fetcher->lone;
	for (hops = 0;; hops++) {
		setup(h, rm, next ? next : url, how, b, errbuf);
		rc = perform(rm, h);
		if (turned_away(rm, h, rc)) {
			free(b->buf);
			memset(b, 0, sizeof(*b));
			hops--;
			continue;
		}
		if (!redirected(h, rm, rc))
			break;
		loc = NULL;
		curl_easy_getinfo(h, CURLINFO_REDIRECT_URL, &loc);
		if (loc == NULL) {
			*cause = xasprintf("%s: HTTP redirect without a "
			    "Location", shown);
			goto out;
		}
		if (!same_host(rm, loc)) {
			char	*to = redact_url(loc);

			*cause = xasprintf("%s: redirected to another host "
			    "(%s); not followed", shown, to);
			free(to);
			goto out;
		}
		if (hops == URL_MAXREDIRS) {
			*cause = xasprintf("%s: more than %d redirects", shown,
			    URL_MAXREDIRS);
			goto out;
		}
		free(next);
		next = xstrdup(loc);
		free(b->buf);
		memset(b, 0, sizeof(*b));
	}
	st = outcome(h, rm, rc, errbuf, b, shown, cause);
	b->mtime = (time_t)-1;
	if (st == CFG_OK && (how & FETCH_TIME))
		filetime(h, &b->mtime);
out:
	free(next);
	if (st != CFG_OK) {
		free(b->buf);
		memset(b, 0, sizeof(*b));
	}
	return st;
}

static int
url_open(struct share *sh, const char *spec, char **cause)
{
	struct remote	*rm;
	const char	*pw;

	rm = xcalloc(1, sizeof(*rm));
	if (remote_parse(rm, spec, 1, cause) == -1) {
		free(rm);
		return -1;
	}
	/* The user named in the URL; the factory account is not assumed. */
	if (rm->password == NULL && rm->user != NULL &&
	    (pw = getenv("POLYAUDIT_SHARE_PASSWORD")) != NULL)
		rm->password = strpool_dup(&rm->text, pw);
	rm->netrc = strpool_dup(&rm->text, sh->netrc);
	rm->fetcher = fetcher_new(sh->jobs);
	/* Reports print the spec: never with the password in it. */
	free(sh->spec);
	sh->spec = xstrdup(rm->shown);
	sh->priv = rm;
	return 0;
}

/* The URL of rel below rm, and the same as it may be printed. */
static void
file_url(const struct remote *rm, const char *rel, char **url, char **shown)
{
	char	*enc = encode_path(rel);

	*url = xasprintf("%s%s", rm->base, enc);
	*shown = xasprintf("%s%s", rm->shown, enc);
	free(enc);
}

static enum cfg_status
url_read(struct share *sh, const char *rel, char **bufp, size_t *lenp,
    time_t *mtime, char **cause)
{
	struct remote	*rm = sh->priv;
	struct body	 b;
	enum cfg_status	 st;
	char		*url, *shown;

	file_url(rm, rel, &url, &shown);
	st = fetch(rm, url, shown, mtime ? FETCH_TIME : 0, &b, cause);
	free(url);
	free(shown);
	if (st == CFG_OK) {
		*bufp = b.buf;
		*lenp = b.len;
		if (mtime != NULL)
			*mtime = b.mtime;
	}
	return st;
}

static void
fetcher_free(struct fetcher *f)
{
	size_t	i;

	if (f == NULL)
		return;
	for (i = 0; i < f->nslot; i++) {
		if (f->slot[i].busy) {
			curl_multi_remove_handle(f->m, f->slot[i].h);
			free(f->slot[i].b.buf);
			free(f->slot[i].path);
			free(f->slot[i].url);
			free(f->slot[i].shown);
		}
		if (f->slot[i].h != NULL)
			curl_easy_cleanup(f->slot[i].h);
	}
	if (f->lone != NULL)
		curl_easy_cleanup(f->lone);
	for (i = f->qhead; i < f->qtail; i++)
		free(f->queue[i]);
	share_got_free(f->done, f->ndone);
	free(f->done);
	free(f->queue);
	free(f->slot);
	curl_multi_cleanup(f->m);
	free(f);
}

/*
 * The cache keeps as many connections as transfers may run, so an idle
 * one (logged in) waits for the next file while phones resolve, and
 * never more: a new one beyond that closes the oldest.
 */
static struct fetcher *
fetcher_new(size_t jobs)
{
	struct fetcher	*f;

	f = xcalloc(1, sizeof(*f));
	if ((f->m = curl_multi_init()) == NULL)
		abort();
	curl_multi_setopt(f->m, CURLMOPT_MAXCONNECTS, (long)jobs);
	f->nslot = jobs;
	f->slot = xcalloc(f->nslot, sizeof(*f->slot));
	return f;
}

/* Queue rel (malloced: the queue's now). */
static void
enqueue(struct fetcher *f, char *rel)
{
	if (f->qtail == f->qcap && f->qhead > 0) {
		/* Slide the queue down before it grows. */
		memmove(f->queue, f->queue + f->qhead, (f->qtail - f->qhead) *
		    sizeof(*f->queue));
		f->qtail -= f->qhead;
		f->qhead = 0;
	}
	if (f->qtail == f->qcap) {
		f->qcap = f->qcap ? f->qcap * 2 : 64;
		f->queue = xreallocarray(f->queue, f->qcap, sizeof(*f->queue));
	}
	f->queue[f->qtail++] = rel;
}

static void
url_start(struct share *sh, const char *rel)
{
	struct remote	*rm = sh->priv;

	enqueue(rm->fetcher, xstrdup(rel));
}

/* Start the queue's next path in the free slot x; 0 if answered at once. */
static int
xfer_start(struct fetcher *f, struct remote *rm, struct xfer *x,
    struct share_got *g)
{
	char	*rel = f->queue[f->qhead++];

	file_url(rm, rel, &x->url, &x->shown);
	if ((g->cause = not_again(rm, x->shown)) != NULL) {
		g->path = rel;
		g->status = CFG_REFUSED;
		free(x->url);
		free(x->shown);
		return 0;
	}
	if (x->h == NULL && (x->h = curl_easy_init()) == NULL)
		abort();
	memset(&x->b, 0, sizeof(x->b));
	x->path = rel;
	x->busy = 1;
	setup(x->h, rm, x->url, 0, &x->b, x->errbuf);
	curl_easy_setopt(x->h, CURLOPT_PRIVATE, x);
	if (curl_multi_add_handle(f->m, x->h) != CURLM_OK)
		abort();
	f->busy++;
	return 1;
}

/* Fill g from x's transfer; 0 when its path went back in the queue. */
static int
xfer_done(struct fetcher *f, struct remote *rm, struct xfer *x, CURLcode rc,
    struct share_got *g)
{
	int	done = 1;

	curl_multi_remove_handle(f->m, x->h);
	g->path = x->path;
	if (turned_away(rm, x->h, rc)) {
		enqueue(f, x->path);
		free(x->b.buf);
		done = 0;
	} else if (redirected(x->h, rm, rc)) {
		/* Redirects are vetted in fetch(): the caller reads these. */
		g->later = 1;
		free(x->b.buf);
	} else {
		g->status = outcome(x->h, rm, rc, x->errbuf, &x->b, x->shown,
		    &g->cause);
		g->buf = x->b.buf;
		g->len = x->b.len;
	}
	free(x->url);
	free(x->shown);
	x->busy = 0;
	x->path = x->url = x->shown = NULL;
	f->busy--;
	return done;
}

/*
 * Run the transfers as far as they go without waiting; what finished is
 * kept in f->done.  *hdone is set when the lone transfer h (or NULL)
 * finished, with its result in *hrc.
 */
static void
collect(struct fetcher *f, struct remote *rm, CURL *h, int *hdone,
    CURLcode *hrc)
{
	CURLMsg	*msg;
	int	 running, left;
	void	*p;

	do {
		f->passive = 0;
		if (curl_multi_perform(f->m, &running) != CURLM_OK)
			abort();
	} while (f->passive);
	while ((msg = curl_multi_info_read(f->m, &left)) != NULL) {
		if (msg->msg != CURLMSG_DONE)
			continue;
		if (msg->easy_handle == h) {
			*hdone = 1;
			*hrc = msg->data.result;
			continue;
		}
		if (f->ndone == f->donecap) {
			f->donecap = f->donecap ? f->donecap * 2 : 16;
			f->done = xreallocarray(f->done, f->donecap,
			    sizeof(*f->done));
		}
		curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &p);
		memset(&f->done[f->ndone], 0, sizeof(f->done[0]));
		if (xfer_done(f, rm, p, msg->data.result, &f->done[f->ndone]))
			f->ndone++;
	}
}

/*
 * Run the transfers until at least one is done, or just once if not
 * block: up to max of them go into got.  New transfers start as soon as
 * a slot is free, so the server always has up to sh->jobs requests to
 * answer.
 */
static size_t
url_wait(struct share *sh, struct share_got *got, size_t max, int block)
{
	struct remote	*rm = sh->priv;
	struct fetcher	*f = rm->fetcher;
	size_t		 n = 0, k;
	int		 none = 0;
	CURLcode	 rc;

	for (;;) {
		/* One login at a time: one refusal (xfer_limit). */
		for (k = 0; k < f->nslot && f->qhead < f->qtail &&
		    f->ndone < max && f->busy < xfer_limit(rm); k++)
			if (!f->slot[k].busy) {
				if (f->ndone == f->donecap) {
					f->donecap = f->donecap ?
					    f->donecap * 2 : 16;
					f->done = xreallocarray(f->done,
					    f->donecap, sizeof(*f->done));
				}
				memset(&f->done[f->ndone], 0,
				    sizeof(f->done[0]));
				if (xfer_start(f, rm, &f->slot[k],
				    &f->done[f->ndone]) == 0)
					f->ndone++;
			}
		if (f->ndone == 0 && f->busy > 0)
			collect(f, rm, NULL, &none, &rc);
		if (f->ndone > 0 || f->busy == 0 || !block)
			break;
		if (curl_multi_poll(f->m, NULL, 0, 1000, NULL) != CURLM_OK)
			abort();
	}
	if ((n = f->ndone < max ? f->ndone : max) == 0)
		return 0;
	memcpy(got, f->done, n * sizeof(*got));
	memmove(f->done, f->done + n, (f->ndone - n) * sizeof(*f->done));
	f->ndone -= n;
	return n;
}

/*
 * A transfer made alone (a file read at once, a listing, a redirect)
 * goes through the share's multi handle too, over a connection already
 * made if one is idle; while background transfers run it takes one of
 * their slots (xfer_limit), so the server never has more than share-jobs
 * requests from us at once, nor more than one login in doubt.
 */
static CURLcode
perform(struct remote *rm, CURL *h)
{
	struct fetcher	*f = rm->fetcher;
	CURLcode	 rc = CURLE_OK;
	int		 done = 0;

	while (f->busy >= xfer_limit(rm)) {
		collect(f, rm, NULL, &done, &rc);
		if (f->busy >= xfer_limit(rm) && curl_multi_poll(f->m, NULL, 0,
		    1000, NULL) != CURLM_OK)
			abort();
	}
	if (curl_multi_add_handle(f->m, h) != CURLM_OK)
		abort();
	f->busy++;
	for (;;) {
		collect(f, rm, h, &done, &rc);
		if (done)
			break;
		if (curl_multi_poll(f->m, NULL, 0, 1000, NULL) != CURLM_OK)
			abort();
	}
	curl_multi_remove_handle(f->m, h);
	f->busy--;
	return rc;
}

static int
cmpname(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Add name unless empty, "." or ".."; duplicates go in sort_names(). */
static void
addname(char ***names, size_t *n, const char *name, size_t len)
{
	if (len == 0 || (len == 1 && name[0] == '.') ||
	    (len == 2 && name[0] == '.' && name[1] == '.'))
		return;
	*names = xreallocarray(*names, *n + 1, sizeof(**names));
	(*names)[(*n)++] = xstrndup(name, len);
}

static void
sort_names(char **names, size_t *n)
{
	size_t	i, j;

	if (*n == 0)
		return;
	qsort(names, *n, sizeof(*names), cmpname);
	for (i = j = 1; i < *n; i++) {
		if (strcmp(names[i], names[j - 1]) == 0)
			free(names[i]);
		else
			names[j++] = names[i];
	}
	*n = j;
}

/* NLST: one name per line, some servers prefix the directory. */
static void
parse_nlst(char *buf, char ***names, size_t *n)
{
	char	*line, *save, *slash;

	for (line = strtok_r(buf, "\r\n", &save); line != NULL;
	    line = strtok_r(NULL, "\r\n", &save)) {
		if ((slash = strrchr(line, '/')) != NULL)
			line = slash + 1;
		addname(names, n, line, strlen(line));
	}
}

/* The few entities an index page uses in a file name. */
static char *
unentity(const char *s, size_t len)
{
	static const char *const ent[][2] = {
		{ "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" },
		{ "&quot;", "\"" }, { "&#39;", "'" }, { "&#x27;", "'" },
	};
	char	*out = xmalloc(len + 1), *o = out;
	size_t	 i, k;

	for (i = 0; i < len;) {
		for (k = 0; k < sizeof(ent) / sizeof(ent[0]); k++)
			if (strncmp(s + i, ent[k][0], strlen(ent[k][0])) == 0)
				break;
		if (k < sizeof(ent) / sizeof(ent[0])) {
			*o++ = ent[k][1][0];
			i += strlen(ent[k][0]);
		} else
			*o++ = s[i++];
	}
	*o = '\0';
	return out;
}

/*
 * An autoindex page: the href of every link that names an entry of this
 * directory.  Absolute links, parents, queries (sort links) and anchors
 * are not names; a trailing slash marks a subdirectory.
 */
static void
parse_index(const char *html, char ***names, size_t *n)
{
	const char	*p = html, *v, *e;
	char		*raw, *dec;
	size_t		 len;
	int		 declen;

	while ((p = strcasestr(p, "href")) != NULL) {
		p += 4;
		while (isspace((unsigned char)*p))
			p++;
		if (*p != '=')
			continue;
		p++;
		while (isspace((unsigned char)*p))
			p++;
		if (*p == '"' || *p == '\'') {
			if ((e = strchr(p + 1, *p)) == NULL)
				break;
			p++;
		} else {
			for (e = p; *e != '\0' && *e != '>' &&
			    !isspace((unsigned char)*e); e++)
				;
		}
		v = p;
		p = e;
		len = (size_t)(e - v);
		if (len == 0 || memchr(v, ':', len) || v[0] == '/' ||
		    v[0] == '?' || v[0] == '#' || memchr(v, '?', len) ||
		    memchr(v, '#', len))
			continue;
		if (len > 2 && v[0] == '.' && v[1] == '/') {
			v += 2;
			len -= 2;
		}
		if (v[len - 1] == '/')
			len--;
		raw = unentity(v, len);
		dec = curl_easy_unescape(NULL, raw, 0, &declen);
		free(raw);
		if (dec == NULL)
			abort();
		if (memchr(dec, '/', (size_t)declen) == NULL &&
		    memchr(dec, '\0', (size_t)declen) == NULL)
			addname(names, n, dec, (size_t)declen);
		curl_free(dec);
	}
}

/*
 * The names in a server's answer to a listing: NLST lines when nlst is
 * set, else the links of an HTML index page.  Sorted, without
 * duplicates, ".", ".." or names with a '/'.  buf is changed.
 */
void
share_url_names(int nlst, char *buf, char ***namesp, size_t *np)
{
	if (nlst)
		parse_nlst(buf, namesp, np);
	else
		parse_index(buf, namesp, np);
	sort_names(*namesp, np);
}

static int
url_list(struct share *sh, const char *rel, char ***namesp,
    unsigned char **isdirp, size_t *np, char **cause)
{
	struct remote	*rm = sh->priv;
	struct body	 b;
	char		*enc, *url, *shown, **names = NULL;
	size_t		 n = 0;

	if (strcmp(rm->scheme, "tftp") == 0) {
		*cause = xstrdup("TFTP cannot list a directory; files are "
		    "looked up by their exact name");
		return -1;
	}
	enc = encode_path(rel);
	url = xasprintf("%s%s%s", rm->base, enc, *rel ? "/" : "");
	shown = xasprintf("%s%s%s", rm->shown, enc, *rel ? "/" : "");
	free(enc);
	if (fetch(rm, url, shown, strncmp(rm->scheme, "ftp", 3) == 0 ?
	    FETCH_LIST : 0, &b, cause) != CFG_OK) {
		free(url);
		free(shown);
		return -1;
	}
	free(url);
	free(shown);
	if (b.buf != NULL)
		share_url_names(strncmp(rm->scheme, "ftp", 3) == 0, b.buf, &names,
		    &n);
	free(b.buf);
	*namesp = names;
	*isdirp = NULL;		/* NLST and index pages may hide a type */
	*np = n;
	return 0;
}

static void
url_close(struct share *sh)
{
	remote_free(sh->priv);
	free(sh->priv);
}

/*
 * Fetch one URL entry of CONFIG_FILES with the share's limits: its own
 * user information and the netrc file, never the share's password.
 * *shown is the URL as it may be printed.  servers remembers, per server
 * and user, why one failed (refused login, no answer): it is not asked
 * again in this run.
 */
enum cfg_status
share_url_get(const char *url, const char *netrc, struct strmap *servers,
    char **bufp, size_t *lenp, char **shownp, char **cause)
{
	struct remote	 rm;
	struct body	 b;
	enum cfg_status	 st;
	char		*key;

	*shownp = redact_url(url);
	if (remote_parse(&rm, url, 0, cause) == -1)
		return CFG_REFUSED;
	rm.netrc = strpool_dup(&rm.text, netrc);
	key = xasprintf("%s://%s@%s:%s", rm.scheme, rm.user ? rm.user : "",
	    rm.host, rm.dport ? rm.dport : "");
	if ((rm.dead = strmap_get(servers, key)) != NULL)
		rm.dead = xstrdup(rm.dead);
	rm.fetcher = fetcher_new(1);
	st = fetch(&rm, rm.base, rm.shown, 0, &b, cause);
	if (rm.dead != NULL && strmap_get(servers, key) == NULL)
		strmap_set(servers, key, xstrdup(rm.dead));
	free(key);
	remote_free(&rm);
	if (st == CFG_OK) {
		*bufp = b.buf;
		*lenp = b.len;
	}
	return st;
}

/*
 * The chain when no transfer of ours saw one: polyaudit refused the
 * certificate, or nothing was fetched.  One TLS handshake, verifying
 * nothing and sending nothing after it: no user, no password, no request
 * (an https:// connection is made even to an ftps:// port, since
 * implicit FTPS starts with TLS and an FTP connection would log in).
 */
static void
chain_connect(struct remote *rm)
{
	char		 errbuf[CURL_ERROR_SIZE], *url;
	CURL		*h;
	CURLcode	 rc;

	if ((h = curl_easy_init()) == NULL)
		abort();
	errbuf[0] = '\0';
	url = xasprintf("https://%s:%s/", rm->host, rm->dport);
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_CONNECT_ONLY, 1L);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, rm->connect_s);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, rm->total_s);
	curl_easy_setopt(h, CURLOPT_SSL_ENABLE_ALPN, 0L);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 0L);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 0L);
	curl_easy_setopt(h, CURLOPT_CERTINFO, 1L);
	rc = curl_easy_perform(h);
	if (rc == CURLE_OK)
		keep_chain(rm, h);
	if (!rm->chain_read)
		rm->chain_err = xasprintf("%s: %s", rm->shown, rc != CURLE_OK ?
		    (errbuf[0] ? errbuf : curl_easy_strerror(rc)) :
		    "the server sent no certificate");
	rm->chain_read = 1;
	free(url);
	curl_easy_cleanup(h);
}

/*
 * The server's certificate chain as sent, leaf first (PEM, borrowed), and
 * the host the share URL names: 1 for an https:// or ftps:// share, 0 for
 * another scheme, -1 with *cause (borrowed) when it could not be read.
 */
int
share_url_chain(struct share *sh, const char *const **pems, size_t *n,
    const char **host, const char **cause)
{
	struct remote	*rm = sh->priv;

	if (!is_tls(rm))
		return 0;
	/* A server that did not answer is not asked again, for this either. */
	if (!rm->chain_read && rm->dead != NULL) {
		rm->chain_err = xstrdup(rm->dead);
		rm->chain_read = 1;
	}
	if (!rm->chain_read)
		chain_connect(rm);
	*host = rm->host;
	if (rm->nchain == 0) {
		*cause = rm->chain_err;
		return -1;
	}
	*pems = (const char *const *)rm->chain;
	*n = rm->nchain;
	return 1;
}

const struct share_ops share_url_ops = {
	url_open,
	url_read,
	url_start,
	url_wait,
	url_list,
	url_close,
};
