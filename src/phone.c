/*
 * Read-only audit of Poly phones over REST, on curl multi.  Each phone is
 * a small state machine that has at most one request in flight (phones
 * refuse parallel API calls): probe device/info without credentials, the
 * same with credentials if challenged, network/info, then config/get in
 * batches of at most 20 names.  Busy phones are retried on timers inside
 * the multi loop, so one slow phone never holds up the others.
 *
 * Rules from the REST reference, section 9: only the three read
 * endpoints; one credential per phone, never a second login; 404 on
 * device/info means the API is off; TLS verified by CN == MAC unless the
 * caller opted into --insecure; bodies capped; redirects never followed.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>

#include "mac.h"
#include "phone.h"
#include "redact.h"
#include "rest.h"
#include "strmap.h"
#include "xalloc.h"

#define PATH_DEVICE	"/api/v1/mgmt/device/info"
#define PATH_NETWORK	"/api/v1/mgmt/network/info"
#define PATH_CONFIG	"/api/v1/mgmt/config/get"

enum stage {
	ST_DEVICE,
	ST_NETWORK,
	ST_CONFIG
};

struct engine;
struct phone;

/* One request: owns its easy handle, body, headers and error buffer. */
struct xfer {
	CURL			*easy;
	struct phone		*ph;
	const char		*path;
	char			*post;		/* request body or NULL */
	struct curl_slist	*hdrs;
	char			*body;		/* response, NUL-terminated */
	size_t			 len;
	size_t			 max;
	int			 toobig;
	int			 basic;		/* challenges seen */
	int			 digest;
	int			 sent_auth;	/* last request had credentials */
	int			 got401;	/* its answer is a 401 */
	int			 stale;		/* ... with Digest stale=true */
	int			 refused;	/* credentials refused: aborted */
	char			 errbuf[CURL_ERROR_SIZE];
};

/* One phone being audited. */
struct phone {
	struct engine		*e;
	char			 want[MAC_LEN + 1]; /* expected MAC or "" */
	unsigned		 port;		/* 0: the engine's */
	char			*key;		/* "host port", for refusals */
	enum stage		 stage;
	int			 authed;	/* send credentials */
	int			 renewed;	/* the one stale nonce renewal */
	long			 authmask;
	int			 busy;		/* busy answers so far */
	long			 wake;		/* send at, ms; -1 in flight */
	long			 deadline;
	char			*cn;		/* leaf CN from the probe */
	int			 gotcert;
	const char		**names;	/* ph->r's value names */
	size_t			 nnames;
	size_t			 next;		/* first name not yet read */
	size_t			 batch;		/* names in the request */
	size_t			 batch_max;
	int			 resplit;
	struct phone_result	*r;
	struct xfer		*x;
	int			 finished;
};

struct engine {
	struct phone_opts	 o;
	char			*password;	/* our copy, zeroed at end */
	const struct phone_cb	*cb;
	CURLM			*multi;
	size_t			 total;
	size_t			 ndone;
	size_t			 nfailed;
	struct strmap		*refused;	/* keys of refused phones */
	struct strmap		*active;	/* key -> the phone talking to
						   it, or NULL */
};

static long
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

long
phone_clock_ms(void)
{
	return now_ms();
}

/* Defaults as the REST reference recommends them. */
void
phone_opts_init(struct phone_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->user = "Polycom";
	o->jobs = 32;
	o->connect_ms = 5000;
	o->request_ms = 15000;
	o->phone_ms = 120000;
	o->busy_ms = 2000;
	o->busy_tries = 4;
	o->body_max = 1024 * 1024;
}

const char *
phone_err_name(enum phone_err k)
{
	static const char *names[] = {
		"ok", "unreachable", "timeout", "tls", "auth", "disabled",
		"busy", "default-password", "protocol", "redirect", "too-big",
		"mismatch"
	};

	if ((size_t)k >= sizeof(names) / sizeof(names[0]))
		return "unknown";
	return names[k];
}

void
phone_result_free(struct phone_result *r)
{
	if (r == NULL)
		return;
	strpool_free(&r->text);
	free(r);
}

static size_t
on_body(char *ptr, size_t size, size_t nmemb, void *arg)
{
	struct xfer	*x = arg;
	size_t		 n = size * nmemb;

	if (x->len + n > x->max) {
		x->toobig = 1;
		return 0;	/* aborts the transfer */
	}
	x->body = xreallocarray(x->body, 1, x->len + n + 1);
	memcpy(x->body + x->len, ptr, n);
	x->len += n;
	x->body[x->len] = '\0';
	return n;
}

/* Does the n bytes at s hold stale=true (a Digest challenge's)? */
static int
has_stale(const char *s, size_t n)
{
	const char	*end = s + n;

	for (; s + 5 < end; s++) {
		if (strncasecmp(s, "stale", 5) != 0)
			continue;
		for (s += 5; s < end && (*s == ' ' || *s == '='); s++)
			continue;
		if (s < end && *s == '"')
			s++;
		if (end - s >= 4 && strncasecmp(s, "true", 4) == 0)
			return 1;
	}
	return 0;
}

/*
 * Note which schemes a 401 offers, to pick ours after the probe, and stop
 * curl at a 401 that refuses our credentials: curl itself would resend
 * them as long as the phone says stale=true, and a phone locks the
 * account.  One stale renewal per phone is let through.
 */
static size_t
on_header(char *ptr, size_t size, size_t nmemb, void *arg)
{
	struct xfer	*x = arg;
	struct phone	*ph = x->ph;
	size_t		 n = size * nmemb, k = sizeof("WWW-Authenticate:") - 1;
	const char	*v, *sp;

	if (n > 5 && strncmp(ptr, "HTTP/", 5) == 0) {
		sp = memchr(ptr, ' ', n);
		x->got401 = sp != NULL && ptr + n - sp > 4 &&
		    strncmp(sp + 1, "401", 3) == 0;
		x->stale = 0;
	} else if (n > k && strncasecmp(ptr, "WWW-Authenticate:", k) == 0) {
		for (v = ptr + k; v < ptr + n && *v == ' '; v++)
			continue;
		if ((size_t)(ptr + n - v) >= 6 && strncasecmp(v, "Basic", 5) == 0)
			x->basic = 1;
		if ((size_t)(ptr + n - v) >= 7 && strncasecmp(v, "Digest", 6) == 0) {
			x->digest = 1;
			x->stale |= has_stale(v, (size_t)(ptr + n - v));
		}
	} else if ((n == 2 && ptr[0] == '\r') || (n == 1 && ptr[0] == '\n')) {
		if (x->got401 && x->sent_auth) {
			if (x->stale && !ph->renewed)
				ph->renewed = 1;
			else {
				x->refused = 1;
				return 0;	/* aborts the transfer */
			}
		}
	}
	return n;
}

/* Whether the request curl is sending carries credentials. */
static int
on_debug(CURL *easy, curl_infotype type, char *data, size_t n, void *arg)
{
	struct xfer	*x = arg;
	size_t		 k = sizeof("\nAuthorization:") - 1, i;

	(void)easy;
	if (type != CURLINFO_HEADER_OUT)
		return 0;
	x->sent_auth = 0;
	for (i = 0; i + k <= n; i++)
		if (data[i] == '\n' &&
		    strncasecmp(data + i, "\nAuthorization:", k) == 0)
			x->sent_auth = 1;
	return 0;
}

static void
xfer_free(struct xfer *x)
{
	if (x == NULL)
		return;
	if (x->easy != NULL) {
		curl_multi_remove_handle(x->ph->e->multi, x->easy);
		curl_easy_cleanup(x->easy);
	}
	curl_slist_free_all(x->hdrs);
	free(x->post);
	free(x->body);
	free(x);
}

/* Deliver a finished phone; only unread names are dropped from values. */
static void
finish(struct phone *ph, enum phone_err kind, const char *fmt, ...)
{
	struct phone_result	*r = ph->r;
	struct engine		*e = ph->e;
	va_list			 ap;

	if (kind != PHONE_OK) {
		va_start(ap, fmt);
		r->error = strpool_vprintf(&r->text, fmt, ap);
		va_end(ap);
		r->kind = kind;
		if (r->error == NULL)
			r->error = strpool_dup(&r->text, "error");
		if (ph->stage == ST_CONFIG && ph->next < r->nvalues)
			r->nvalues = ph->next;
		else if (ph->stage != ST_CONFIG) {
			r->values = NULL;
			r->nvalues = 0;
		}
		e->nfailed++;
	}
	xfer_free(ph->x);
	ph->x = NULL;
	ph->finished = 1;
	if (strmap_get(e->active, ph->key) == ph)
		strmap_set(e->active, ph->key, NULL);
	ph->r = NULL;
	e->ndone++;
	if (e->cb->done != NULL)
		e->cb->done(e->cb->arg, r);
	else
		phone_result_free(r);
	if (e->cb->progress != NULL)
		e->cb->progress(e->cb->arg, e->ndone, e->total, e->nfailed);
}

/* Start the request the phone's stage calls for. */
static void
send_request(struct phone *ph)
{
	struct engine	*e = ph->e;
	struct xfer	*x;
	struct phone	*owner;
	const char	*host = ph->r->host;
	char		*url;
	long		 left, tmo;
	unsigned	 port = ph->port != 0 ? ph->port : e->o.port;
	int		 v6;

	/* The same phone listed twice: one at a time, as it wants. */
	owner = strmap_get(e->active, ph->key);
	if (owner != NULL && owner != ph) {
		ph->wake = now_ms() + 50;
		return;
	}
	strmap_set(e->active, ph->key, ph);
	if (ph->authed && strmap_get(e->refused, ph->key) != NULL) {
		finish(ph, PHONE_E_AUTH, "login refused earlier in this run "
		    "(the same phone listed twice); not tried again");
		return;
	}
	x = xcalloc(1, sizeof(*x));
	x->ph = ph;
	x->max = e->o.body_max;
	x->easy = curl_easy_init();
	if (x->easy == NULL) {
		free(x);
		finish(ph, PHONE_E_PROTOCOL, "cannot create a curl handle");
		return;
	}
	switch (ph->stage) {
	case ST_DEVICE:
		x->path = PATH_DEVICE;
		break;
	case ST_NETWORK:
		x->path = PATH_NETWORK;
		break;
	case ST_CONFIG:
		x->path = PATH_CONFIG;
		ph->batch = ph->nnames - ph->next;
		if (ph->batch > ph->batch_max)
			ph->batch = ph->batch_max;
		x->post = rest_config_request(
		    ph->names + ph->next, ph->batch);
		if (x->post == NULL) {
			ph->x = x;
			finish(ph, PHONE_E_PROTOCOL, "parameter names are "
			    "not valid UTF-8");
			return;
		}
		x->hdrs = curl_slist_append(NULL,
		    "Content-Type: application/json");
		x->hdrs = curl_slist_append(x->hdrs, "Expect:");
		curl_easy_setopt(x->easy, CURLOPT_POSTFIELDS, x->post);
		curl_easy_setopt(x->easy, CURLOPT_HTTPHEADER, x->hdrs);
		break;
	}
	v6 = strchr(host, ':') != NULL;
	if (port != 0)
		url = xasprintf("%s://%s%s%s:%u%s", e->o.http ? "http" : "https",
		    v6 ? "[" : "", host, v6 ? "]" : "", port, x->path);
	else
		url = xasprintf("%s://%s%s%s%s", e->o.http ? "http" : "https",
		    v6 ? "[" : "", host, v6 ? "]" : "", x->path);
	curl_easy_setopt(x->easy, CURLOPT_URL, url);
	free(url);
	curl_easy_setopt(x->easy, CURLOPT_PRIVATE, x);
	curl_easy_setopt(x->easy, CURLOPT_ERRORBUFFER, x->errbuf);
	curl_easy_setopt(x->easy, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(x->easy, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(x->easy, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(x->easy, CURLOPT_HEADERDATA, x);
	curl_easy_setopt(x->easy, CURLOPT_DEBUGFUNCTION, on_debug);
	curl_easy_setopt(x->easy, CURLOPT_DEBUGDATA, x);
	curl_easy_setopt(x->easy, CURLOPT_VERBOSE, 1L);
	curl_easy_setopt(x->easy, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(x->easy, CURLOPT_FOLLOWLOCATION, 0L);
#if LIBCURL_VERSION_NUM >= 0x075500	/* configure accepts 7.68 */
	curl_easy_setopt(x->easy, CURLOPT_PROTOCOLS_STR, "http,https");
#else
	curl_easy_setopt(x->easy, CURLOPT_PROTOCOLS,
	    (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
	curl_easy_setopt(x->easy, CURLOPT_MAXFILESIZE_LARGE,
	    (curl_off_t)e->o.body_max);
	curl_easy_setopt(x->easy, CURLOPT_CONNECTTIMEOUT_MS, e->o.connect_ms);
	left = ph->deadline - now_ms();
	tmo = e->o.request_ms < left ? e->o.request_ms : left;
	curl_easy_setopt(x->easy, CURLOPT_TIMEOUT_MS, tmo > 0 ? tmo : 1L);
	if (!e->o.http) {
		if (e->o.insecure) {
			curl_easy_setopt(x->easy, CURLOPT_SSL_VERIFYPEER, 0L);
			curl_easy_setopt(x->easy, CURLOPT_SSL_VERIFYHOST, 0L);
		} else {
			/* Phones' certificates name the MAC, not the host. */
			curl_easy_setopt(x->easy, CURLOPT_SSL_VERIFYPEER, 1L);
			curl_easy_setopt(x->easy, CURLOPT_SSL_VERIFYHOST, 0L);
			curl_easy_setopt(x->easy, CURLOPT_CERTINFO, 1L);
			if (e->o.cacert != NULL)
				curl_easy_setopt(x->easy, CURLOPT_CAINFO,
				    e->o.cacert);
		}
	}
	if (ph->authed) {
		curl_easy_setopt(x->easy, CURLOPT_HTTPAUTH, ph->authmask);
		if (e->password != NULL) {
			curl_easy_setopt(x->easy, CURLOPT_USERNAME, e->o.user);
			curl_easy_setopt(x->easy, CURLOPT_PASSWORD,
			    e->password);
		} else if (e->o.netrc_file != NULL) {
			/* The netrc entry for the host names the login. */
			curl_easy_setopt(x->easy, CURLOPT_NETRC,
			    (long)CURL_NETRC_OPTIONAL);
			curl_easy_setopt(x->easy, CURLOPT_NETRC_FILE,
			    e->o.netrc_file);
		}
	}
	ph->x = x;
	ph->wake = -1;
	if (curl_multi_add_handle(e->multi, x->easy) != CURLM_OK)
		finish(ph, PHONE_E_PROTOCOL, "cannot start a transfer");
}

/* The leaf certificate's entries from CURLINFO_CERTINFO, or NULL. */
static struct curl_slist *
leaf_info(CURL *easy)
{
	struct curl_certinfo	*ci = NULL;

	if (curl_easy_getinfo(easy, CURLINFO_CERTINFO, &ci) != CURLE_OK ||
	    ci == NULL || ci->num_of_certs < 1)
		return NULL;
	return ci->certinfo[0];
}

/* The leaf certificate's subject CN. */
static char *
leaf_cn(CURL *easy)
{
	struct curl_slist	*s;
	const char		*p, *v;
	size_t			 n;

	for (s = leaf_info(easy); s != NULL; s = s->next) {
		if (strncmp(s->data, "Subject:", 8) != 0)
			continue;
		for (p = s->data + 8; (p = strstr(p, "CN")) != NULL; p += 2) {
			if (p != s->data + 8 && p[-1] != ' ' && p[-1] != ',' &&
			    p[-1] != '/')
				continue;
			for (v = p + 2; *v == ' '; v++)
				continue;
			if (*v++ != '=')
				continue;
			while (*v == ' ')
				v++;
			n = strcspn(v, ",/+");
			while (n > 0 && v[n - 1] == ' ')
				n--;
			return xstrndup(v, n);
		}
	}
	return NULL;
}

/*
 * The MAC that the n bytes at name spell, separators (: - .) and case
 * aside, into hex; -1 if they spell none.
 */
static int
name_mac(const char *name, size_t n, char hex[MAC_LEN + 1])
{
	size_t	i, k = 0;

	for (i = 0; i < n; i++) {
		if (name[i] == ':' || name[i] == '-' || name[i] == '.')
			continue;
		if (k == MAC_LEN || !isxdigit((unsigned char)name[i]))
			return -1;
		hex[k++] = tolower((unsigned char)name[i]);
	}
	hex[k] = '\0';
	return k == MAC_LEN ? 0 : -1;
}

/* Does a CN name this MAC? */
static int
cn_is_mac(const char *cn, const char *mac)
{
	char	hex[MAC_LEN + 1];

	return name_mac(cn, strlen(cn), hex) == 0 && strcmp(hex, mac) == 0;
}

/*
 * Which MAC the certificate names, by CN or subjectAltName DNS entry:
 * 1 if one of them is want, 0 if none is a MAC, -1 if only other MACs
 * are (the first into other).
 */
static int
cert_names(CURL *easy, const char *cn, const char *want,
    char other[MAC_LEN + 1])
{
	static const char	 san[] = "X509v3 Subject Alternative Name:";
	struct curl_slist	*s;
	const char		*p;
	char			 hex[MAC_LEN + 1];
	size_t			 n;

	other[0] = '\0';
	if (cn != NULL && name_mac(cn, strlen(cn), hex) == 0) {
		if (strcmp(hex, want) == 0)
			return 1;
		memcpy(other, hex, sizeof(hex));
	}
	for (s = leaf_info(easy); s != NULL; s = s->next) {
		if (strncmp(s->data, san, sizeof(san) - 1) != 0)
			continue;
		for (p = s->data + sizeof(san) - 1; *p != '\0'; p += n) {
			p += strspn(p, ", ");
			n = strcspn(p, ",");
			if (strncmp(p, "DNS:", 4) != 0 ||
			    name_mac(p + 4, n - 4, hex) == -1)
				continue;
			if (strcmp(hex, want) == 0)
				return 1;
			if (other[0] == '\0')
				memcpy(other, hex, sizeof(hex));
		}
	}
	return other[0] != '\0' ? -1 : 0;
}

static void
got_device(struct phone *ph, struct xfer *x)
{
	struct rest_device	 d;
	struct phone_result	*r = ph->r;
	char			*cause = NULL;

	if (rest_parse_device(x->body, x->len, &r->text, &d, &cause) == -1) {
		finish(ph, PHONE_E_PROTOCOL, "GET %s: %s", x->path, cause);
		free(cause);
		return;
	}
	memcpy(r->id.mac, d.mac, sizeof(r->id.mac));
	r->id.model = d.model;
	r->id.model_raw = d.model_raw;
	r->id.firmware = d.firmware;
	if (ph->want[0] != '\0' && strcmp(ph->want, d.mac) != 0) {
		finish(ph, PHONE_E_MISMATCH, "this host is not the phone you "
		    "named: it reports MAC %s, expected %s",
		    d.mac[0] != '\0' ? d.mac : "(none)", ph->want);
		return;
	}
	if (!ph->e->o.http && !ph->e->o.insecure) {
		if (ph->cn == NULL)
			r->tls_warning = strpool_dup(&r->text, "could not "
			    "read the certificate's subject CN to compare with "
			    "the MAC");
		else if (d.mac[0] == '\0')
			r->tls_warning = strpool_printf(&r->text, "certificate "
			    "CN %s cannot be checked: device/info gave no MAC",
			    ph->cn);
		else if (!cn_is_mac(ph->cn, d.mac))
			r->tls_warning = strpool_printf(&r->text, "certificate "
			    "CN %s is not the phone's MAC %s", ph->cn, d.mac);
	}
	ph->stage = ST_NETWORK;
	ph->wake = 0;
}

static void
got_network(struct phone *ph, struct xfer *x)
{
	struct rest_network	 n;
	struct phone_result	*r = ph->r;
	const struct phone_cb	*cb = ph->e->cb;
	const char *const	*names = NULL;
	char			*cause = NULL;
	size_t			 i, count = 0;

	if (rest_parse_network(x->body, x->len, &r->text, &n, &cause) == -1) {
		finish(ph, PHONE_E_PROTOCOL, "GET %s: %s", x->path, cause);
		free(cause);
		return;
	}
	r->id.prov_server = n.prov_server;
	r->id.prov_type = n.prov_type;
	r->id.prov_user = n.prov_user;
	if (cb->names_for != NULL)
		count = cb->names_for(cb->arg, &r->id, &names);
	if (count == 0 || names == NULL) {
		finish(ph, PHONE_OK, NULL);
		return;
	}
	ph->names = xcalloc(count, sizeof(*ph->names));
	r->values = strpool_calloc(&r->text, count, sizeof(*r->values));
	for (i = 0; i < count; i++) {
		ph->names[i] = r->values[i].name = strpool_dup(&r->text,
		    names[i]);
	}
	ph->nnames = r->nvalues = count;
	ph->next = 0;
	ph->batch_max = REST_MAX_NAMES;
	ph->stage = ST_CONFIG;
	ph->wake = 0;
}

static void
got_config(struct phone *ph, struct xfer *x, long status)
{
	struct rest_config	 c;
	struct phone_value	*v;
	char			*cause = NULL;
	size_t			 i;

	if (status == REST_TOO_MANY) {
		/* Maybe a smaller body limit: halve once, then give up. */
		if (ph->resplit || ph->batch < 2) {
			finish(ph, PHONE_E_PROTOCOL, "POST %s: Status 4009 "
			    "(%s) for a batch of %zu names; not resent",
			    x->path, rest_status_text(status), ph->batch);
			return;
		}
		ph->resplit = 1;
		ph->batch_max = ph->batch / 2;
		ph->wake = 0;
		return;
	}
	if (rest_parse_config(x->body, x->len, ph->names + ph->next,
	    ph->batch, &ph->r->text, &c, &cause) == -1) {
		finish(ph, PHONE_E_PROTOCOL, "POST %s: %s", x->path, cause);
		free(cause);
		return;
	}
	for (i = 0; i < c.nparams; i++) {
		v = &ph->r->values[ph->next + i];
		v->value = c.params[i].value;
		v->source = c.params[i].source;
		v->listed = c.params[i].listed;
	}
	rest_config_free(&c);
	ph->next += ph->batch;
	if (ph->next >= ph->nnames)
		finish(ph, PHONE_OK, NULL);
	else
		ph->wake = 0;
}

/* Map a failed transfer to an error kind and message. */
static void
failed(struct phone *ph, struct xfer *x, CURLcode rc)
{
	const char	*m = x->post != NULL ? "POST" : "GET";
	const char	*why = x->errbuf[0] != '\0' ? x->errbuf :
			    curl_easy_strerror(rc);
	enum phone_err	 k;

	if (x->toobig || rc == CURLE_FILESIZE_EXCEEDED) {
		finish(ph, PHONE_E_TOO_BIG, "%s %s: response body exceeds %zu "
		    "bytes; aborted", m, x->path, ph->e->o.body_max);
		return;
	}
	switch (rc) {
	case CURLE_OPERATION_TIMEDOUT:
		k = PHONE_E_TIMEOUT;
		break;
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_CONNECT:
		k = PHONE_E_UNREACHABLE;
		break;
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_ISSUER_ERROR:
		k = PHONE_E_TLS;
		break;
	default:
		k = PHONE_E_PROTOCOL;
		break;
	}
	finish(ph, k, "%s %s: %s", m, x->path, why);
}

/* A transfer ended: decide the phone's next step. */
static void
done_xfer(struct phone *ph, struct xfer *x, CURLcode rc)
{
	struct engine	*e = ph->e;
	const char	*m = x->post != NULL ? "POST" : "GET";
	const char	*loc = NULL, *text;
	char		*cause = NULL, *where, other[MAC_LEN + 1];
	long		 code = 0, status = REST_STATUS_NONE, delay;

	if (ph->stage == ST_DEVICE && !ph->gotcert && !e->o.http &&
	    !e->o.insecure) {
		ph->cn = leaf_cn(x->easy);
		ph->gotcert = 1;
		/* Before any credentials: the probe carried none. */
		if (ph->want[0] != '\0' && cert_names(x->easy, ph->cn,
		    ph->want, other) == -1) {
			finish(ph, PHONE_E_MISMATCH, "the certificate names "
			    "MAC %s, not the expected MAC %s: no credentials "
			    "sent", other, ph->want);
			return;
		}
	}
	if (rc != CURLE_OK && !x->refused) {
		failed(ph, x, rc);
		return;
	}
	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &code);
	if (x->refused)
		code = 401;
	/* The phone may put a Status in any body, whatever the HTTP code. */
	if (x->len > 0 && rest_parse_status(x->body, x->len, &status,
	    &cause) == -1) {
		free(cause);
		status = REST_STATUS_NONE;
	}
	if (status == REST_DEFAULT_PASSWORD) {
		finish(ph, PHONE_E_DEFAULT_PASSWORD, "%s %s: Status 4010: the "
		    "phone refuses REST while the default admin password is "
		    "set; set device.auth.localAdminPassword", m, x->path);
		return;
	}
	if (code == 403 || status == REST_BUSY) {
		if (++ph->busy >= e->o.busy_tries) {
			finish(ph, PHONE_E_BUSY, "%s %s: phone still busy "
			    "(%s) after %d tries", m, x->path, code == 403 ?
			    "HTTP 403" : "Status 4001", ph->busy);
			return;
		}
		delay = e->o.busy_ms << (ph->busy - 1);
		if (now_ms() + delay >= ph->deadline) {
			finish(ph, PHONE_E_BUSY, "%s %s: phone busy and no "
			    "time left to retry", m, x->path);
			return;
		}
		ph->wake = now_ms() + delay;
		return;
	}
	if (code == 401) {
		if (ph->authed) {
			strmap_set(e->refused, ph->key, e);
			finish(ph, PHONE_E_AUTH, "%s %s: HTTP 401: login "
			    "refused for user %s%s (not retried, to stay clear "
			    "of the phone's lockout)", m, x->path, e->o.user,
			    ph->renewed ? ", after one stale nonce renewal" :
			    "");
			return;
		}
		if (e->password == NULL && e->o.netrc_file == NULL) {
			finish(ph, PHONE_E_AUTH, "%s %s: HTTP 401: the phone "
			    "wants a password and none was given", m, x->path);
			return;
		}
		/* Basic alone can go preemptively; otherwise let curl pick. */
		ph->authed = 1;
		ph->authmask = x->basic && !x->digest ? CURLAUTH_BASIC :
		    CURLAUTH_BASIC | CURLAUTH_DIGEST;
		ph->wake = 0;
		return;
	}
	if (code >= 300 && code < 400) {
		curl_easy_getinfo(x->easy, CURLINFO_REDIRECT_URL, &loc);
		where = redact_url(loc != NULL ? loc : "(no Location)");
		finish(ph, PHONE_E_REDIRECT, "%s %s: HTTP %ld redirect to %s, "
		    "not followed", m, x->path, code, where);
		free(where);
		return;
	}
	if (code == 404 && ph->stage == ST_DEVICE) {
		finish(ph, PHONE_E_DISABLED, "%s %s: HTTP 404: REST API "
		    "disabled (apps.restapi.enabled=0) or not supported", m,
		    x->path);
		return;
	}
	if (code != 200) {
		finish(ph, PHONE_E_PROTOCOL, "%s %s: HTTP %ld", m, x->path,
		    code);
		return;
	}
	if (status != REST_STATUS_NONE && status != REST_OK &&
	    status != REST_TOO_MANY) {
		text = rest_status_text(status);
		finish(ph, PHONE_E_PROTOCOL, "%s %s: Status %ld%s%s%s", m,
		    x->path, status, text != NULL ? " (" : "",
		    text != NULL ? text : "", text != NULL ? ")" : "");
		return;
	}
	ph->busy = 0;
	switch (ph->stage) {
	case ST_DEVICE:
		got_device(ph, x);
		break;
	case ST_NETWORK:
		got_network(ph, x);
		break;
	case ST_CONFIG:
		got_config(ph, x, status);
		break;
	}
}

static struct phone *
phone_new(struct engine *e, const struct phone_target *t, size_t index)
{
	struct phone	*ph;

	ph = xcalloc(1, sizeof(*ph));
	ph->e = e;
	ph->r = xcalloc(1, sizeof(*ph->r));
	ph->r->index = index;
	ph->r->host = strpool_dup(&ph->r->text, t->host);
	ph->port = t->port;
	ph->key = xasprintf("%s %u", t->host, t->port ? t->port : e->o.port);
	ph->r->insecure = !e->o.http && e->o.insecure;
	ph->deadline = now_ms() + e->o.phone_ms;
	ph->r->id.deadline_ms = ph->deadline;
	ph->stage = ST_DEVICE;
	ph->wake = 0;
	if (t->mac != NULL && mac_parse(t->mac, ph->want) == -1) {
		finish(ph, PHONE_E_MISMATCH, "expected MAC %s is not a MAC "
		    "address", t->mac);
	}
	return ph;
}

static void
phone_free(struct phone *ph)
{
	xfer_free(ph->x);
	free(ph->names);
	free(ph->cn);
	free(ph->key);
	phone_result_free(ph->r);
	free(ph);
}

/*
 * Audit n phones, at most o->jobs at a time.  Returns 0 when every phone
 * was handed to cb->done (failed phones included), -1 with *cause only
 * if the engine itself could not run.
 */
int
phone_run(const struct phone_opts *o, const struct phone_target *t,
    size_t n, const struct phone_cb *cb, char **cause)
{
	struct engine	 e;
	struct phone	**active;
	struct phone	*ph;
	struct xfer	*x;
	CURLMsg		*msg;
	size_t		 nactive = 0, next = 0, i, j;
	long		 now, tmo;
	int		 running, left;

	memset(&e, 0, sizeof(e));
	e.o = *o;
	if (e.o.user == NULL)
		e.o.user = "Polycom";
	if (e.o.jobs == 0)
		e.o.jobs = 32;
	if (e.o.body_max == 0)
		e.o.body_max = 1024 * 1024;
	if (e.o.busy_tries < 1)
		e.o.busy_tries = 1;
	e.o.password = NULL;
	if (o->password != NULL)
		e.password = xstrdup(o->password);
	e.cb = cb;
	e.total = n;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK ||
	    (e.multi = curl_multi_init()) == NULL) {
		*cause = xstrdup("cannot initialise libcurl");
		phone_password_free(e.password);
		return -1;
	}
	e.refused = strmap_new();
	e.active = strmap_new();
	active = xcalloc(e.o.jobs, sizeof(*active));
	while (next < n || nactive > 0) {
		while (nactive < e.o.jobs && next < n) {
			ph = phone_new(&e, &t[next], next);
			next++;
			if (ph->finished)
				phone_free(ph);
			else
				active[nactive++] = ph;
		}
		now = now_ms();
		for (i = 0; i < nactive; i++) {
			ph = active[i];
			if (ph->finished || ph->x != NULL)
				continue;
			if (now >= ph->deadline)
				finish(ph, PHONE_E_TIMEOUT, "no answer within "
				    "the %ld ms allowed per phone", e.o.phone_ms);
			else if (ph->wake <= now)
				send_request(ph);
		}
		curl_multi_perform(e.multi, &running);
		while ((msg = curl_multi_info_read(e.multi, &left)) != NULL) {
			if (msg->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE,
			    (char **)&x);
			ph = x->ph;
			done_xfer(ph, x, msg->data.result);
			if (ph->x == x) {
				/* done_xfer did not finish: drop the xfer. */
				ph->x = NULL;
				xfer_free(x);
			}
		}
		/* Sleep in curl until a socket, a back-off or a slot is due. */
		now = now_ms();
		tmo = 1000;
		for (i = j = 0; i < nactive; i++) {
			ph = active[i];
			if (ph->finished) {
				phone_free(ph);
				continue;
			}
			if (ph->x == NULL) {
				if (ph->wake - now < tmo)
					tmo = ph->wake - now;
				if (ph->deadline - now < tmo)
					tmo = ph->deadline - now;
			}
			active[j++] = ph;
		}
		nactive = j;
		if (nactive < e.o.jobs && next < n)
			tmo = 0;
		if (nactive > 0 && tmo > 0)
			curl_multi_poll(e.multi, NULL, 0, (int)tmo, NULL);
	}
	free(active);
	strmap_free(e.refused, NULL);
	strmap_free(e.active, NULL);
	curl_multi_cleanup(e.multi);
	curl_global_cleanup();
	phone_password_free(e.password);
	return 0;
}

/* Strip a trailing newline (and CR) from a line read from a file. */
static void
chomp(char *s)
{
	size_t	n = strlen(s);

	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = '\0';
}

/*
 * Find the admin password: the first line of file, or of standard input
 * if from_stdin, or else $POLYAUDIT_PASSWORD.  Never from argv.  Sets
 * *pw to NULL when there is none (netrc may still supply one).  Release
 * with phone_password_free(), which wipes it.
 */
int
phone_password_load(const char *file, int from_stdin, char **pw,
    char **cause)
{
	FILE		*fp;
	char		*line = NULL;
	const char	*env;
	size_t		 cap = 0;
	ssize_t		 n;

	*pw = NULL;
	if (file == NULL && !from_stdin) {
		if ((env = getenv("POLYAUDIT_PASSWORD")) != NULL &&
		    *env != '\0')
			*pw = xstrdup(env);
		return 0;
	}
	if (file != NULL) {
		if ((fp = fopen(file, "r")) == NULL) {
			*cause = xasprintf("%s: %s", file, strerror(errno));
			return -1;
		}
	} else
		fp = stdin;
	n = getline(&line, &cap, fp);
	if (fp != stdin)
		fclose(fp);
	if (n == -1) {
		free(line);
		*cause = xasprintf("%s: no password on the first line",
		    file != NULL ? file : "standard input");
		return -1;
	}
	chomp(line);
	if (*line == '\0') {
		free(line);
		*cause = xasprintf("%s: the password is empty",
		    file != NULL ? file : "standard input");
		return -1;
	}
	*pw = line;
	return 0;
}

void
phone_password_free(char *pw)
{
	if (pw == NULL)
		return;
	explicit_bzero(pw, strlen(pw));
	free(pw);
}
