/*
 * phonesim: simulate the read-only REST API of one or many Poly phones, on
 * 127.0.0.1 only, from a JSON fixture.  Every request is logged (method,
 * path, which credentials came, the answer, how many names a config/get
 * held) so tests can check what the client sent.  Passwords never reach
 * the log.
 *
 * usage: phonesim [--ports-file F] [--log F] [--max-seconds N]
 *	      [--tls CERT KEY] FIXTURE
 *
 * Fixture: {"phones":[PHONE, ...]}, each PHONE an object, every member
 * optional:
 *   port	 0 (default): pick a free one; the ports are printed as
 *		 "READY <index> <port>" lines and, with --ports-file, written
 *		 as "<index> <port>" lines to a file that appears whole.
 *   mac, model, firmware  what device/info reports ("VVX 411", ...)
 *   shape	 "v1" flat FirmwareRelease, "v2" nested Firmware{}/UpTime{}
 *		 (served on both /api/v1 and /api/v2 device/info)
 *   password	 admin password for user Polycom; absent: no authentication
 *   auth	 "basic", "digest" or "both" (default): challenges offered
 *   params	 {"name":{"Value":"..","Source":".."}} known values; other
 *		 names read as {"Value":"","Source":"default"} (unset)...
 *   unknown	 [...] ...unless listed here: omitted from data, listed in
 *		 InvalidParams
 *   invalid_shape "array" (default) or "object" {"0":"name",...}
 *   omitted	 [...] names left out of data and not listed in InvalidParams
 *   prov_server, prov_type, prov_user  network/info's ProvServer*
 *   cert, key	 PEM files: serve HTTPS (default from --tls CERT KEY)
 *   faults	 {"busy_n":N, 403 / Status 4001 alternately for the first N
 *		 authenticated requests; "max_names":N, Status 4009 above N
 *		 names (default 20); "default_password", 403 + Status 4010;
 *		 "api_disabled", 404 on everything; "delay_ms":N; "hang";
 *		 "garbage"; "truncated"; "oversized" (2 MiB body); "wrong_mac";
 *		 "redirect": URL or index of another phone (302); "status_5000"
 *		 (config/get); "http_500"; "drip" (a byte a second);
 *		 "wrong_types" (device/info with a number, a null, an array);
 *		 "huge_strings" (device/info model and firmware of 256 KiB);
 *		 "duplicate_keys" (device/info names MACAddress and Status twice);
 *		 "stale": "always" answers every request with Digest
 *		 credentials 401 and a challenge with stale=true, "once" only
 *		 the first (the nonce is renewed, then the phone answers)}
 *
 * Log lines: "<index> <METHOD> <path> auth=<none|basic|digest|other|present>
 * code=<HTTP code, 0 if none sent> names=<names in a config/get>".
 *
 * One process, one libmicrohttpd daemon per phone, a thread per
 * connection: a handler may sleep (delay, hang, drip) without stalling
 * other phones, and a second concurrent request to the same phone sees
 * the phone busy, as a real one answers 403.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>
#include <microhttpd.h>

#include "xalloc.h"

#define REALM		"API Authentication"
#define USER		"Polycom"
#define BODY_MAX	65536	/* largest request body we read */
#define MAX_NAMES	20

#define AUTH_BASIC	0x1
#define AUTH_DIGEST	0x2

struct sphone {
	size_t		 index;
	unsigned	 port;
	const char	*mac;
	const char	*model;
	const char	*firmware;
	int		 v2shape;	/* Firmware{}/UpTime{} */
	const char	*password;	/* NULL: no authentication */
	int		 auth;		/* AUTH_* accepted and offered */
	json_t		*params;	/* name -> {Value, Source} */
	json_t		*unknown;	/* names the firmware lacks */
	json_t		*omitted;	/* left out, not in InvalidParams */
	int		 invalid_object; /* InvalidParams as an object */
	const char	*prov_server;
	const char	*prov_type;
	const char	*prov_user;
	char		*cert;		/* PEM, NULL: plain HTTP */
	char		*key;

	/* faults */
	long		 max_names;	/* the 4009 limit, default 20 */
	long		 busy_n;
	int		 default_password;
	int		 api_disabled;
	long		 delay_ms;
	int		 hang;
	int		 garbage;
	int		 truncated;
	int		 oversized;
	int		 wrong_mac;
	const char	*redirect;	/* URL, or */
	long		 redirect_to;	/* index of another phone; -1 none */
	int		 status_5000;
	int		 http_500;
	int		 drip;
	int		 wrong_types;
	int		 huge_strings;
	int		 duplicate_keys;
	int		 stale;		/* 1 once, 2 always */
	int		 staled;	/* stale challenges sent */

	struct MHD_Daemon *daemon;
	pthread_mutex_t	 lock;
	int		 busy;		/* a request is being answered */
	long		 served;	/* authenticated requests so far */
};

struct req {
	struct sphone	*ph;
	char		*body;
	size_t		 len;
	int		 took;		/* holds ph->busy */
	int		 rejected;	/* phone was busy */
	int		 toolong;
};

struct drip {
	char	*buf;
	size_t	 len;
};

static struct sphone	*phones;
static size_t		 nphones;
static FILE		*logfp;
static pthread_mutex_t	 loglock = PTHREAD_MUTEX_INITIALIZER;
static volatile sig_atomic_t quit;

static void
on_signal(int sig)
{
	quit = 1;
}

/* Sleep ms milliseconds, or less if we are told to quit. */
static void
nap(long ms)
{
	struct timespec	ts;

	while (ms > 0 && !quit) {
		ts.tv_sec = 0;
		ts.tv_nsec = (ms > 50 ? 50 : ms) * 1000000L;
		nanosleep(&ts, NULL);
		ms -= 50;
	}
}

static void
logreq(struct sphone *ph, const char *method, const char *url,
    const char *auth, int code, long names)
{
	if (logfp == NULL)
		return;
	pthread_mutex_lock(&loglock);
	fprintf(logfp, "%zu %s %s auth=%s code=%d names=%ld\n", ph->index,
	    method, url, auth, code, names);
	fflush(logfp);
	pthread_mutex_unlock(&loglock);
}

static enum MHD_Result
reply(struct MHD_Connection *c, int code, const char *type, const char *body,
    size_t len)
{
	struct MHD_Response	*r;
	enum MHD_Result		 ret;

	r = MHD_create_response_from_buffer(len, (void *)body,
	    MHD_RESPMEM_MUST_COPY);
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	ret = MHD_queue_response(c, code, r);
	MHD_destroy_response(r);
	return ret;
}

/* Answer with JSON; takes the reference. */
static enum MHD_Result
reply_json(struct MHD_Connection *c, int code, json_t *j)
{
	enum MHD_Result	 ret;
	char		*s;

	s = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	ret = reply(c, code, "application/json", s, strlen(s));
	free(s);
	return ret;
}

static enum MHD_Result
reply_status(struct MHD_Connection *c, int code, const char *status)
{
	return reply_json(c, code, json_pack("{ss}", "Status", status));
}

/* Challenge with every scheme the phone offers; Digest stale=true if asked. */
static enum MHD_Result
challenge(struct MHD_Connection *c, struct sphone *ph, int stale)
{
	static const char	 page[] = "<html>Authorization failed.</html>";
	struct MHD_Response	*r;
	enum MHD_Result		 ret;

	r = MHD_create_response_from_buffer(sizeof(page) - 1, (void *)page,
	    MHD_RESPMEM_PERSISTENT);
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, "text/html");
	if (ph->auth & AUTH_BASIC)
		MHD_add_response_header(r, MHD_HTTP_HEADER_WWW_AUTHENTICATE,
		    "Basic realm=\"" REALM "\"");
	if (ph->auth & AUTH_DIGEST)
		ret = MHD_queue_auth_fail_response2(c, REALM, "0paque", r,
		    stale ? MHD_YES : MHD_NO, MHD_DIGEST_ALG_MD5);
	else
		ret = MHD_queue_response(c, MHD_HTTP_UNAUTHORIZED, r);
	MHD_destroy_response(r);
	return ret;
}

/* Which credentials came, and are they right?  Sets *scheme for the log. */
static int
authorised(struct MHD_Connection *c, struct sphone *ph, const char **scheme)
{
	const char	*h;
	char		*user, *pass = NULL;
	int		 ok = 0;

	h = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_AUTHORIZATION);
	*scheme = "none";
	if (h == NULL)
		return ph->password == NULL;
	if (strncasecmp(h, "Basic ", 6) == 0) {
		*scheme = "basic";
		user = MHD_basic_auth_get_username_password(c, &pass);
		ok = (ph->auth & AUTH_BASIC) && user != NULL && pass != NULL &&
		    strcmp(user, USER) == 0 && ph->password != NULL &&
		    strcmp(pass, ph->password) == 0;
		if (pass != NULL)
			MHD_free(pass);
		if (user != NULL)
			MHD_free(user);
	} else if (strncasecmp(h, "Digest ", 7) == 0) {
		*scheme = "digest";
		user = MHD_digest_auth_get_username(c);
		ok = (ph->auth & AUTH_DIGEST) && user != NULL &&
		    strcmp(user, USER) == 0 && ph->password != NULL &&
		    MHD_digest_auth_check2(c, REALM, USER, ph->password, 300,
		    MHD_DIGEST_ALG_MD5) == MHD_YES;
		if (user != NULL)
			MHD_free(user);
	} else
		*scheme = "other";
	return ph->password == NULL || ok;
}

static ssize_t
drip_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct drip	*d = cls;

	if (pos >= d->len)
		return MHD_CONTENT_READER_END_OF_STREAM;
	nap(1000);
	if (quit)
		return MHD_CONTENT_READER_END_WITH_ERROR;
	buf[0] = d->buf[pos];
	return 1;
}

static void
drip_free(void *cls)
{
	struct drip	*d = cls;

	free(d->buf);
	free(d);
}

/* Send a JSON body, honouring the body faults. */
static enum MHD_Result
reply_body(struct MHD_Connection *c, struct sphone *ph, json_t *j)
{
	struct MHD_Response	*r;
	struct drip		*d;
	enum MHD_Result		 ret;
	char			*s, *big;
	size_t			 n;

	if (ph->garbage) {
		json_decref(j);
		return reply(c, 200, "application/json", "<html>oops", 10);
	}
	s = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	n = strlen(s);
	if (ph->truncated)
		n /= 2;
	if (ph->oversized) {
		n = 2 * 1024 * 1024;
		big = xmalloc(n);
		memset(big, ' ', n);
		memcpy(big, s, strlen(s));
		ret = reply(c, 200, "application/json", big, n);
		free(big);
		free(s);
		return ret;
	}
	if (ph->drip) {
		d = xmalloc(sizeof(*d));
		d->buf = s;
		d->len = n;
		r = MHD_create_response_from_callback(n, 1, drip_read, d,
		    drip_free);
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE,
		    "application/json");
		ret = MHD_queue_response(c, 200, r);
		MHD_destroy_response(r);
		return ret;
	}
	ret = reply(c, 200, "application/json", s, n);
	free(s);
	return ret;
}

static json_t *
device_info(struct sphone *ph)
{
	char	 mac[32], app[128];
	json_t	*d;

	snprintf(mac, sizeof(mac), "%s", ph->mac);
	if (ph->wrong_mac && strlen(mac) > 0)
		mac[strlen(mac) - 1] = mac[strlen(mac) - 1] == '0' ? '1' : '0';
	if (ph->huge_strings) {
		char	*big = xmalloc(256 * 1024 + 1);

		memset(big, 'A', 256 * 1024);
		big[256 * 1024] = '\0';
		d = json_pack("{sssssssi}", "ModelNumber", big,
		    "FirmwareRelease", big, "MACAddress", mac, "Huge", 1);
		free(big);
	} else if (ph->wrong_types)
		d = json_pack("{sisns[s]}", "ModelNumber", 411,
		    "MACAddress", "FirmwareRelease", ph->firmware);
	else if (ph->v2shape) {
		snprintf(app, sizeof(app), "%s 02-Jul-19 06:14", ph->firmware);
		d = json_pack("{sssss{ssssss}s{ssssssss}sssssss{}}",
		    "ModelNumber", ph->model, "MACAddress", mac,
		    "Firmware", "Application", app, "Updater", "5.0.1",
		    "BootBlock", "3.0.0", "UpTime", "Days", "0", "Hours", "6",
		    "Minutes", "16", "Seconds", "10", "IPAddress", "127.0.0.1",
		    "DeviceVendor", "Polycom", "DeviceType", "HardwareEndpoint",
		    "AttachedHardware");
	} else
		d = json_pack("{sssssssssssssssss{s[]}}",
		    "ModelNumber", ph->model, "FirmwareRelease", ph->firmware,
		    "DeviceType", "hardwareEndpoint", "MACAddress", mac,
		    "DeviceVendor", "Polycom", "UpTimeSinceLastReboot",
		    "0 Day 6:16:10", "IPV4Address", "127.0.0.1",
		    "IPV6Address", "::", "AttachedHardware", "EM");
	return json_pack("{soss}", "data", d, "Status", "2000");
}

static json_t *
network_info(struct sphone *ph)
{
	return json_pack("{s{ssssssssssss}ss}", "data",
	    "DHCP", "enabled", "DHCPBootServerUserOption", "Static",
	    "CDPCompability", "enabled",
	    "ProvServerAddress", ph->prov_server,
	    "ProvServerType", ph->prov_type,
	    "ProvServerUser", ph->prov_user, "Status", "2000");
}

/* Does the fixture's array a hold the string name? */
static int
listed(json_t *a, const char *name)
{
	json_t	*u;
	size_t	 j;

	json_array_foreach(a, j, u)
		if (json_is_string(u) && strcmp(json_string_value(u), name) == 0)
			return 1;
	return 0;
}

/* Answer config/get; *names gets how many names the request held. */
static enum MHD_Result
config_get(struct MHD_Connection *c, struct sphone *ph, struct req *rq,
    long *names)
{
	json_t		*root, *arr, *data, *inv, *v, *ent;
	const char	*name;
	size_t		 i;
	char		 k[32];
	int		 unknown;

	root = rq->toolong ? NULL : json_loadb(rq->body, rq->len, 0, NULL);
	arr = json_object_get(root, "data");
	if (!json_is_array(arr)) {
		json_decref(root);
		return reply_status(c, 200, "4000");
	}
	*names = (long)json_array_size(arr);
	if ((long)json_array_size(arr) > ph->max_names) {
		json_decref(root);
		return reply_status(c, 200, "4009");
	}
	if (ph->status_5000) {
		json_decref(root);
		return reply_json(c, 200, json_pack("{si}", "Status", 5000));
	}
	data = json_object();
	inv = ph->invalid_object ? json_object() : json_array();
	json_array_foreach(arr, i, v) {
		if ((name = json_string_value(v)) == NULL)
			continue;
		ent = json_object_get(ph->params, name);
		if (ent == NULL && listed(ph->omitted, name))
			continue;
		unknown = ent == NULL && listed(ph->unknown, name);
		if (unknown) {
			if (ph->invalid_object) {
				snprintf(k, sizeof(k), "%zu",
				    json_object_size(inv));
				json_object_set_new(inv, k, json_string(name));
			} else
				json_array_append_new(inv, json_string(name));
		} else if (ent != NULL)
			json_object_set(data, name, ent);
		else
			json_object_set_new(data, name, json_pack("{ssss}",
			    "Value", "", "Source", "default"));
	}
	json_decref(root);
	root = json_pack("{soss}", "data", data, "Status", "2000");
	if (json_is_array(inv) ? json_array_size(inv) > 0 :
	    json_object_size(inv) > 0)
		json_object_set_new(root, "InvalidParams", inv);
	else
		json_decref(inv);
	return reply_body(c, ph, root);
}

static enum MHD_Result
serve(struct sphone *ph, struct MHD_Connection *c, const char *url,
    const char *method, struct req *rq, const char **scheme, int *code,
    long *names)
{
	int	 get = strcmp(method, "GET") == 0;
	int	 post = strcmp(method, "POST") == 0;
	char	 loc[512];
	long	 n;
	enum MHD_Result ret;

	*code = 200;
	if (rq->rejected) {
		*code = 403;
		return reply_status(c, 403, "4001");
	}
	if (ph->hang) {
		nap(1000L * 3600);
		*code = 0;
		return MHD_NO;
	}
	nap(ph->delay_ms);
	if (ph->api_disabled) {
		*code = 404;
		return reply(c, 404, "text/html", "<html>Not Found</html>", 22);
	}
	if (!((get && (strcmp(url, "/api/v1/mgmt/device/info") == 0 ||
	    strcmp(url, "/api/v2/mgmt/device/info") == 0 ||
	    strcmp(url, "/api/v1/mgmt/network/info") == 0)) ||
	    (post && strcmp(url, "/api/v1/mgmt/config/get") == 0))) {
		*code = 404;
		return reply(c, 404, "text/html", "<html>Not Found</html>", 22);
	}
	if (!authorised(c, ph, scheme)) {
		*code = 401;
		return challenge(c, ph, 0);
	}
	if (ph->stale != 0 && strcmp(*scheme, "digest") == 0) {
		pthread_mutex_lock(&ph->lock);
		n = ph->stale == 2 || ph->staled == 0 ? ++ph->staled : 0;
		pthread_mutex_unlock(&ph->lock);
		if (n > 0) {
			*code = 401;
			return challenge(c, ph, 1);
		}
	}
	pthread_mutex_lock(&ph->lock);
	n = ph->served++;
	pthread_mutex_unlock(&ph->lock);
	if (n < ph->busy_n) {
		/* Both forms of busy: HTTP 403, and Status 4001 in a 200. */
		*code = n % 2 == 0 ? 403 : 200;
		return reply_status(c, *code, "4001");
	}
	if (ph->default_password) {
		*code = 403;
		return reply_status(c, 403, "4010");
	}
	if (ph->http_500) {
		*code = 500;
		return reply(c, 500, "text/plain", "Internal Server Error", 21);
	}
	if (ph->redirect != NULL || ph->redirect_to >= 0) {
		struct MHD_Response *r;

		if (ph->redirect != NULL)
			snprintf(loc, sizeof(loc), "%s", ph->redirect);
		else
			snprintf(loc, sizeof(loc), "http://127.0.0.1:%u%s",
			    phones[ph->redirect_to].port, url);
		r = MHD_create_response_from_buffer(0, NULL,
		    MHD_RESPMEM_PERSISTENT);
		MHD_add_response_header(r, MHD_HTTP_HEADER_LOCATION, loc);
		ret = MHD_queue_response(c, 302, r);
		MHD_destroy_response(r);
		*code = 302;
		return ret;
	}
	if (post)
		return config_get(c, ph, rq, names);
	if (strstr(url, "device/info") != NULL && ph->duplicate_keys) {
		char	*dup;

		/* jansson cannot build this; the text is written by hand. */
		dup = xasprintf("{\"data\":{\"ModelNumber\":\"%s\","
		    "\"FirmwareRelease\":\"%s\",\"MACAddress\":\"%s\","
		    "\"MACAddress\":\"000000000000\"},\"Status\":\"2000\","
		    "\"Status\":\"4001\"}", ph->model, ph->firmware, ph->mac);
		ret = reply(c, 200, "application/json", dup, strlen(dup));
		free(dup);
		return ret;
	}
	if (strstr(url, "device/info") != NULL)
		return reply_body(c, ph, device_info(ph));
	return reply_body(c, ph, network_info(ph));
}

static enum MHD_Result
handler(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_size, void **con_cls)
{
	struct sphone	*ph = cls;
	struct req	*rq = *con_cls;
	const char	*scheme = "none";
	enum MHD_Result	 ret;
	int		 code;
	long		 names = 0;

	if (rq == NULL) {
		rq = xcalloc(1, sizeof(*rq));
		rq->ph = ph;
		pthread_mutex_lock(&ph->lock);
		if (ph->busy)
			rq->rejected = 1;
		else
			ph->busy = rq->took = 1;
		pthread_mutex_unlock(&ph->lock);
		*con_cls = rq;
		return MHD_YES;
	}
	if (*upload_size > 0) {
		if (rq->len + *upload_size > BODY_MAX)
			rq->toolong = 1;
		else {
			rq->body = xreallocarray(rq->body, 1,
			    rq->len + *upload_size);
			memcpy(rq->body + rq->len, upload, *upload_size);
			rq->len += *upload_size;
		}
		*upload_size = 0;
		return MHD_YES;
	}
	/* Log what came even if the answer never goes out. */
	if (MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_AUTHORIZATION) != NULL)
		scheme = "present";
	ret = serve(ph, c, url, method, rq, &scheme, &code, &names);
	logreq(ph, method, url, scheme, code, names);
	return ret;
}

static void
completed(void *cls, struct MHD_Connection *c, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct req	*rq = *con_cls;

	if (rq == NULL)
		return;
	if (rq->took) {
		pthread_mutex_lock(&rq->ph->lock);
		rq->ph->busy = 0;
		pthread_mutex_unlock(&rq->ph->lock);
	}
	free(rq->body);
	free(rq);
	*con_cls = NULL;
}

static char *
slurp(const char *path)
{
	FILE	*fp;
	char	*buf;
	long	 n;

	if ((fp = fopen(path, "r")) == NULL)
		err(2, "%s", path);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	buf = xmalloc(n + 1);
	if (fread(buf, 1, n, fp) != (size_t)n)
		err(2, "%s", path);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

static const char *
str(json_t *o, const char *k, const char *dflt)
{
	const char	*s = json_string_value(json_object_get(o, k));

	return s != NULL ? s : dflt;
}

static long
num(json_t *o, const char *k)
{
	json_t	*v = json_object_get(o, k);

	if (json_is_integer(v))
		return (long)json_integer_value(v);
	return json_is_true(v);
}

static void
load_phone(struct sphone *ph, size_t i, json_t *o, const char *cert,
    const char *key)
{
	json_t		*f, *r;
	const char	*a;

	ph->index = i;
	ph->port = (unsigned)num(o, "port");
	ph->mac = str(o, "mac", "0004f2000000");
	ph->model = str(o, "model", "VVX 411");
	ph->firmware = str(o, "firmware", "5.9.3.2857");
	ph->v2shape = strcmp(str(o, "shape", "v1"), "v2") == 0;
	ph->password = str(o, "password", NULL);
	a = str(o, "auth", "both");
	ph->auth = strcmp(a, "basic") == 0 ? AUTH_BASIC :
	    strcmp(a, "digest") == 0 ? AUTH_DIGEST : AUTH_BASIC | AUTH_DIGEST;
	ph->params = json_object_get(o, "params");
	ph->unknown = json_object_get(o, "unknown");
	ph->omitted = json_object_get(o, "omitted");
	ph->invalid_object = strcmp(str(o, "invalid_shape", "array"),
	    "object") == 0;
	ph->prov_server = str(o, "prov_server", "");
	ph->prov_type = str(o, "prov_type", "HTTPS");
	ph->prov_user = str(o, "prov_user", "");
	cert = str(o, "cert", cert);
	key = str(o, "key", key);
	if (cert != NULL && key != NULL) {
		ph->cert = slurp(cert);
		ph->key = slurp(key);
	}
	f = json_object_get(o, "faults");
	ph->max_names = num(f, "max_names");
	if (ph->max_names <= 0)
		ph->max_names = MAX_NAMES;
	ph->busy_n = num(f, "busy_n");
	ph->default_password = num(f, "default_password");
	ph->api_disabled = num(f, "api_disabled");
	ph->delay_ms = num(f, "delay_ms");
	ph->hang = num(f, "hang");
	ph->garbage = num(f, "garbage");
	ph->truncated = num(f, "truncated");
	ph->oversized = num(f, "oversized");
	ph->wrong_mac = num(f, "wrong_mac");
	r = json_object_get(f, "redirect");
	ph->redirect = json_string_value(r);
	ph->redirect_to = json_is_integer(r) ? (long)json_integer_value(r) : -1;
	ph->status_5000 = num(f, "status_5000");
	ph->http_500 = num(f, "http_500");
	ph->drip = num(f, "drip");
	ph->wrong_types = num(f, "wrong_types");
	ph->huge_strings = num(f, "huge_strings");
	ph->duplicate_keys = num(f, "duplicate_keys");
	a = str(f, "stale", "");
	ph->stale = strcmp(a, "always") == 0 ? 2 : strcmp(a, "once") == 0;
	pthread_mutex_init(&ph->lock, NULL);
}

static void
start_phone(struct sphone *ph, const char *rnd, size_t rndlen)
{
	struct sockaddr_in	 sin;
	const union MHD_DaemonInfo *info;
	unsigned		 flags;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(ph->port);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	flags = MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD |
	    MHD_USE_POLL | MHD_USE_ERROR_LOG;
	if (ph->cert != NULL)
		flags |= MHD_USE_TLS;
	ph->daemon = MHD_start_daemon(flags, 0, NULL, NULL, handler, ph,
	    MHD_OPTION_SOCK_ADDR, &sin,
	    MHD_OPTION_NOTIFY_COMPLETED, completed, NULL,
	    MHD_OPTION_DIGEST_AUTH_RANDOM, rndlen, rnd,
	    MHD_OPTION_NONCE_NC_SIZE, 64,
	    MHD_OPTION_THREAD_STACK_SIZE, (size_t)256 * 1024,
	    MHD_OPTION_CONNECTION_TIMEOUT, 30,
	    ph->cert != NULL ? MHD_OPTION_HTTPS_MEM_KEY : MHD_OPTION_END,
	    ph->key, MHD_OPTION_HTTPS_MEM_CERT, ph->cert, MHD_OPTION_END);
	if (ph->daemon == NULL)
		errx(2, "phone %zu: cannot listen on 127.0.0.1:%u", ph->index,
		    ph->port);
	info = MHD_get_daemon_info(ph->daemon, MHD_DAEMON_INFO_BIND_PORT);
	ph->port = info->port;
}

static void
usage(void)
{
	fprintf(stderr, "usage: phonesim [--ports-file F] [--log F] "
	    "[--max-seconds N] [--tls CERT KEY] FIXTURE\n");
	exit(2);
}

int
main(int argc, char *argv[])
{
	const char	*portsfile = NULL, *logfile = NULL, *cert = NULL;
	const char	*key = NULL;
	json_t		*root, *arr, *o;
	json_error_t	 jerr;
	struct sigaction sa;
	char		 rnd[32], *tmp;
	FILE		*fp;
	long		 maxsec = 600, ticks;
	size_t		 i;
	int		 fd;

	for (i = 1; i < (size_t)argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--ports-file") == 0 && i + 1 < (size_t)argc)
			portsfile = argv[++i];
		else if (strcmp(argv[i], "--log") == 0 && i + 1 < (size_t)argc)
			logfile = argv[++i];
		else if (strcmp(argv[i], "--max-seconds") == 0 &&
		    i + 1 < (size_t)argc)
			maxsec = atol(argv[++i]);
		else if (strcmp(argv[i], "--tls") == 0 && i + 2 < (size_t)argc) {
			cert = argv[++i];
			key = argv[++i];
		} else
			usage();
	}
	if (i + 1 != (size_t)argc)
		usage();
	if ((root = json_load_file(argv[i], 0, &jerr)) == NULL)
		errx(2, "%s:%d: %s", argv[i], jerr.line, jerr.text);
	arr = json_object_get(root, "phones");
	if (!json_is_array(arr) || json_array_size(arr) == 0)
		errx(2, "%s: no phones", argv[i]);
	if (logfile != NULL && (logfp = fopen(logfile, "a")) == NULL)
		err(2, "%s", logfile);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	if ((fd = open("/dev/urandom", O_RDONLY)) == -1 ||
	    read(fd, rnd, sizeof(rnd)) != sizeof(rnd))
		err(2, "/dev/urandom");
	close(fd);

	nphones = json_array_size(arr);
	phones = xcalloc(nphones, sizeof(*phones));
	json_array_foreach(arr, i, o)
		load_phone(&phones[i], i, o, cert, key);
	for (i = 0; i < nphones; i++)
		start_phone(&phones[i], rnd, sizeof(rnd));
	for (i = 0; i < nphones; i++)
		printf("READY %zu %u\n", i, phones[i].port);
	fflush(stdout);
	if (portsfile != NULL) {
		/* Written whole and renamed, so a reader never sees half. */
		tmp = xasprintf("%s.tmp", portsfile);
		if ((fp = fopen(tmp, "w")) == NULL)
			err(2, "%s", tmp);
		for (i = 0; i < nphones; i++)
			fprintf(fp, "%zu %u\n", i, phones[i].port);
		if (fclose(fp) != 0 || rename(tmp, portsfile) == -1)
			err(2, "%s", portsfile);
		free(tmp);
	}

	for (ticks = 0; !quit && ticks < maxsec * 10; ticks++)
		nap(100);
	quit = 1;
	for (i = 0; i < nphones; i++) {
		MHD_stop_daemon(phones[i].daemon);
		free(phones[i].cert);
		free(phones[i].key);
		pthread_mutex_destroy(&phones[i].lock);
	}
	free(phones);
	json_decref(root);
	if (logfp != NULL)
		fclose(logfp);
	return 0;
}
