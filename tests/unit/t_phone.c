/*
 * Tests for phone.c over real HTTP and HTTPS: start tests/phonesim on
 * loopback with one simulated phone per case, drive phone_run(), and
 * check both the results and the simulator's request log (what the client
 * really sent).  Time bounds are generous; nothing waits on a wall clock
 * except to bound a hang.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "phone.h"
#include "xalloc.h"

#define PW		"s3cret-pw-X9"
#define MAC_A		"0004f2aabbcc"
#define FLEET0		40	/* first of the 30 fleet phones */
#define NFLEET		30
#define NPHONES		(FLEET0 + NFLEET)

enum {
	P_V1DIGEST, P_V2BASIC, P_BUSY, P_DEFPW, P_DISABLED, P_WRONGPW,
	P_WRONGMAC, P_HANG, P_SLOW, P_DRIP, P_GARBAGE, P_TRUNC, P_BIG,
	P_TYPES, P_REDIR, P_REDIR_TARGET, P_5000, P_500, P_TLS_OK, P_TLS_CN,
	P_RESPLIT, P_RESPLIT_FAIL, P_PROV, P_DIGEST_ONLY_WRONG, P_HANG2,
	P_BUSY_FOREVER
};

static char	 dir[] = "/tmp/t_phone.XXXXXX";
static char	 logpath[256], cabundle[256];
static pid_t	 sim = -1;
static unsigned	 ports[NPHONES];

/* Results of the last run, by target index. */
static struct phone_result *res[NPHONES];
static const char *const *want_names;
static size_t	 want_n;
static size_t	 prog_done, prog_total, prog_failed;

static long
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
sh(const char *fmt, ...)
{
	va_list	 ap;
	char	 cmd[2048];

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	if (system(cmd) != 0)
		fail_msg("command failed: %s", cmd);
}

static void
phone_json(FILE *fp, int i)
{
	const char *auth = "digest", *pw = PW, *extra = "", *faults = "";
	char	 mac[16], more[512];

	snprintf(mac, sizeof(mac), "0004f2%06x", i);
	more[0] = '\0';
	switch (i) {
	case P_V1DIGEST:
		snprintf(mac, sizeof(mac), "%s", MAC_A);
		extra = ",\"params\":{\"p.0\":{\"Value\":\"v0\",\"Source\":"
		    "\"config\"},\"p.44\":{\"Value\":\"v44\",\"Source\":\"web\"}},"
		    "\"unknown\":[\"x.y\"]";
		break;
	case P_V2BASIC:
		auth = "basic";
		extra = ",\"shape\":\"v2\",\"model\":\"Trio 8800\",\"firmware\":"
		    "\"7.2.2.1094\",\"invalid_shape\":\"object\","
		    "\"unknown\":[\"x.y\"]";
		break;
	case P_BUSY: faults = "\"busy_n\":3"; break;
	case P_BUSY_FOREVER: faults = "\"busy_n\":1000"; break;
	case P_DEFPW: faults = "\"default_password\":true"; break;
	case P_DISABLED: faults = "\"api_disabled\":true"; break;
	case P_WRONGPW: pw = "something-else"; auth = "basic"; break;
	case P_DIGEST_ONLY_WRONG: pw = "something-else"; break;
	case P_WRONGMAC: faults = "\"wrong_mac\":true"; break;
	case P_HANG:
	case P_HANG2: faults = "\"hang\":true"; break;
	case P_SLOW: faults = "\"delay_ms\":300"; break;
	case P_DRIP: faults = "\"drip\":true"; break;
	case P_GARBAGE: faults = "\"garbage\":true"; break;
	case P_TRUNC: faults = "\"truncated\":true"; break;
	case P_BIG: faults = "\"oversized\":true"; break;
	case P_TYPES: faults = "\"wrong_types\":true"; break;
	case P_REDIR:
		snprintf(more, sizeof(more), "\"redirect\":%d", P_REDIR_TARGET);
		faults = more;
		break;
	case P_5000: faults = "\"status_5000\":true"; break;
	case P_500: faults = "\"http_500\":true"; break;
	case P_TLS_OK:
		snprintf(mac, sizeof(mac), "%s", MAC_A);
		snprintf(more, sizeof(more), ",\"cert\":\"%s/a.pem\","
		    "\"key\":\"%s/a.key\"", dir, dir);
		extra = more;
		break;
	case P_TLS_CN:
		snprintf(more, sizeof(more), ",\"cert\":\"%s/b.pem\","
		    "\"key\":\"%s/b.key\"", dir, dir);
		extra = more;
		break;
	case P_RESPLIT: faults = "\"max_names\":12"; break;
	case P_RESPLIT_FAIL: faults = "\"max_names\":4"; break;
	case P_PROV:
		extra = ",\"prov_server\":\"ftp://bob:" PW "@boot.example/x\","
		    "\"prov_type\":\"FTP\",\"prov_user\":\"bob\"";
		break;
	case FLEET0 + 3: faults = "\"api_disabled\":true"; break;
	case FLEET0 + 11: faults = "\"default_password\":true"; break;
	case FLEET0 + 23: pw = "nope"; break;
	}
	/* Half the fleet offers both schemes, and half is nested v2. */
	if (i >= FLEET0 && i % 2 == 1)
		auth = "both";
	if (i >= FLEET0 && i % 4 >= 2)
		extra = ",\"shape\":\"v2\"";
	fprintf(fp, "%s{\"port\":0,\"mac\":\"%s\",\"password\":\"%s\","
	    "\"auth\":\"%s\"%s,\"faults\":{%s}}\n", i == 0 ? "" : ",", mac, pw,
	    auth, extra, faults);
}

static int
setup(void **state)
{
	char	 fixture[256], portsfile[256], bin[512];
	const char *bd;
	FILE	*fp;
	int	 i, idx, fd;
	unsigned port;
	long	 until;

	if ((bd = getenv("BUILDDIR")) == NULL)
		bd = ".";
	if (mkdtemp(dir) == NULL)
		return -1;
	/* Test certificates: CN = the MAC, and one with another CN. */
	sh("cd %s && openssl req -x509 -newkey ec -pkeyopt "
	    "ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=%s "
	    "-keyout a.key -out a.pem 2>/dev/null && "
	    "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 "
	    "-nodes -days 2 -subj /CN=not-the-mac.example -keyout b.key "
	    "-out b.pem 2>/dev/null && cat a.pem b.pem > ca.pem", dir, MAC_A);
	snprintf(cabundle, sizeof(cabundle), "%s/ca.pem", dir);
	snprintf(fixture, sizeof(fixture), "%s/phones.json", dir);
	snprintf(portsfile, sizeof(portsfile), "%s/ports", dir);
	snprintf(logpath, sizeof(logpath), "%s/sim.log", dir);
	snprintf(bin, sizeof(bin), "%s/tests/phonesim", bd);
	if ((fp = fopen(fixture, "w")) == NULL)
		return -1;
	fprintf(fp, "{\"phones\":[\n");
	for (i = 0; i < NPHONES; i++)
		phone_json(fp, i);
	fprintf(fp, "]}\n");
	fclose(fp);
	if ((sim = fork()) == -1)
		return -1;
	if (sim == 0) {
		fd = open("/dev/null", O_WRONLY);
		dup2(fd, 1);
		execl(bin, bin, "--ports-file", portsfile, "--log", logpath,
		    "--max-seconds", "300", fixture, (char *)NULL);
		_exit(127);
	}
	for (until = now_ms() + 20000; now_ms() < until; usleep(20000))
		if ((fp = fopen(portsfile, "r")) != NULL)
			break;
	if (fp == NULL)
		return -1;
	while (fscanf(fp, "%d %u", &idx, &port) == 2)
		if (idx >= 0 && idx < NPHONES)
			ports[idx] = port;
	fclose(fp);
	return ports[NPHONES - 1] != 0 ? 0 : -1;
}

static int
teardown(void **state)
{
	int	st;
	int	rc = 0;

	if (sim > 0) {
		kill(sim, SIGTERM);
		waitpid(sim, &st, 0);
		/* Sanitizer reports in the simulator fail the run too. */
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
			fprintf(stderr, "# phonesim ended with status %d\n", st);
			rc = -1;
		}
	}
	sh("rm -rf %s", dir);
	return rc;
}

static size_t
names_for(void *arg, const struct phone_identity *id,
    const char *const **names)
{
	*names = want_names;
	return want_n;
}

static void
done(void *arg, struct phone_result *r)
{
	assert_true(r->index < NPHONES);
	assert_null(res[r->index]);
	res[r->index] = r;
}

static void
progress(void *arg, size_t d, size_t t, size_t f)
{
	prog_done = d;
	prog_total = t;
	prog_failed = f;
}

static void
clear(void)
{
	size_t	i;

	for (i = 0; i < NPHONES; i++) {
		phone_result_free(res[i]);
		res[i] = NULL;
	}
}

static void
opts(struct phone_opts *o)
{
	phone_opts_init(o);
	o->password = PW;
	o->http = 1;
	o->busy_ms = 50;
	o->connect_ms = 2000;
	o->request_ms = 4000;
	o->phone_ms = 20000;
}

/* Audit simulated phone i; the result is left in res[0]. */
static struct phone_result *
run1(const struct phone_opts *o, int i, const char *mac)
{
	struct phone_target	t = { "127.0.0.1", ports[i], mac };
	struct phone_cb		cb = { names_for, done, progress, NULL };
	char			*cause = NULL;

	clear();
	assert_int_equal(phone_run(o, &t, 1, &cb, &cause), 0);
	assert_non_null(res[0]);
	if (res[0]->error != NULL)	/* context when an assertion fails */
		fprintf(stderr, "# phone %d: %s: %s\n", i,
		    phone_err_name(res[0]->kind), res[0]->error);
	return res[0];
}

/* Count log lines of phone i containing every given fragment. */
static int
logcount(int i, const char *a, const char *b)
{
	FILE	*fp;
	char	 line[1024], pfx[16];
	int	 n = 0;

	snprintf(pfx, sizeof(pfx), "%d ", i);
	if ((fp = fopen(logpath, "r")) == NULL)
		return -1;
	while (fgets(line, sizeof(line), fp) != NULL)
		if (strncmp(line, pfx, strlen(pfx)) == 0 &&
		    (a == NULL || strstr(line, a) != NULL) &&
		    (b == NULL || strstr(line, b) != NULL))
			n++;
	fclose(fp);
	return n;
}

/* The log may lag a request the client gave up on: wait a little. */
static void
settle(void)
{
	usleep(100000);
}

static void
no_bad_batches(int i)
{
	char	 s[32];
	int	 n;

	for (n = 21; n < 100; n++) {
		snprintf(s, sizeof(s), "names=%d\n", n);
		assert_int_equal(logcount(i, s, NULL), 0);
	}
	/* Nothing but the three read endpoints. */
	assert_int_equal(logcount(i, NULL, NULL),
	    logcount(i, "GET /api/v1/mgmt/device/info ", NULL) +
	    logcount(i, "GET /api/v2/mgmt/device/info ", NULL) +
	    logcount(i, "GET /api/v1/mgmt/network/info ", NULL) +
	    logcount(i, "POST /api/v1/mgmt/config/get ", NULL));
}

static void
t_v1_digest_chunks(void **state)
{
	struct phone_opts	 o;
	struct phone_result	*r;
	char			*names[45];
	size_t			 i;

	for (i = 0; i < 44; i++)
		names[i] = xasprintf("p.%zu", i);
	names[44] = xstrdup("x.y");
	want_names = (const char *const *)names;
	want_n = 45;
	opts(&o);
	r = run1(&o, P_V1DIGEST, "00:04:F2:AA:BB:CC");
	assert_null(r->error);
	assert_int_equal(r->kind, PHONE_OK);
	assert_string_equal(r->id.mac, MAC_A);
	assert_string_equal(r->id.model, "VVX411");
	assert_string_equal(r->id.firmware, "5.9.3.2857");
	assert_int_equal(r->nvalues, 45);
	assert_string_equal(r->values[0].name, "p.0");
	assert_string_equal(r->values[0].value, "v0");
	assert_string_equal(r->values[0].source, "config");
	assert_string_equal(r->values[1].value, "");
	assert_string_equal(r->values[1].source, "default");
	assert_null(r->values[44].value);
	assert_int_equal(r->insecure, 0);
	assert_null(r->tls_warning);
	assert_int_equal(logcount(P_V1DIGEST, "config/get", "names=20\n"), 2);
	assert_int_equal(logcount(P_V1DIGEST, "auth=digest code=200 names=5\n",
	    NULL), 1);
	assert_int_equal(logcount(P_V1DIGEST, "auth=basic", NULL), 0);
	no_bad_batches(P_V1DIGEST);
	for (i = 0; i < 45; i++)
		free(names[i]);
	want_n = 0;
	clear();
}

static void
t_v2_basic_object(void **state)
{
	static const char *const names[] = { "a.b", "x.y" };
	struct phone_opts	 o;
	struct phone_result	*r;

	want_names = names;
	want_n = 2;
	opts(&o);
	r = run1(&o, P_V2BASIC, NULL);
	assert_null(r->error);
	assert_string_equal(r->id.model, "Trio8800");
	assert_string_equal(r->id.model_raw, "Trio 8800");
	assert_string_equal(r->id.firmware, "7.2.2.1094");
	assert_string_equal(r->values[0].value, "");
	assert_null(r->values[1].value);
	assert_true(logcount(P_V2BASIC, "auth=basic code=200", NULL) >= 3);
	assert_int_equal(logcount(P_V2BASIC, "auth=digest", NULL), 0);
	no_bad_batches(P_V2BASIC);
	want_n = 0;
	clear();
}

static void
t_busy(void **state)
{
	struct phone_opts	 o;
	struct phone_result	*r;
	long			 t0;

	opts(&o);
	r = run1(&o, P_BUSY, NULL);
	assert_null(r->error);
	assert_string_equal(r->id.model, "VVX411");
	assert_int_equal(logcount(P_BUSY, "code=403", NULL), 2);
	clear();
	/* Busy for good: four tries, growing back-off, then reported. */
	t0 = now_ms();
	r = run1(&o, P_BUSY_FOREVER, NULL);
	assert_int_equal(r->kind, PHONE_E_BUSY);
	assert_non_null(strstr(r->error, "after 4 tries"));
	assert_true(now_ms() - t0 >= 50 + 100 + 200);
	assert_int_equal(logcount(P_BUSY_FOREVER, "auth=digest", NULL), 4);
	clear();
}

static void
t_default_password(void **state)
{
	struct phone_opts	 o;
	struct phone_result	*r;

	opts(&o);
	r = run1(&o, P_DEFPW, NULL);
	assert_int_equal(r->kind, PHONE_E_DEFAULT_PASSWORD);
	assert_non_null(strstr(r->error, "device.auth.localAdminPassword"));
	assert_int_equal(logcount(P_DEFPW, "code=403", NULL), 1);
	clear();
}

static void
t_disabled(void **state)
{
	struct phone_opts	 o;
	struct phone_result	*r;

	opts(&o);
	r = run1(&o, P_DISABLED, NULL);
	assert_int_equal(r->kind, PHONE_E_DISABLED);
	assert_non_null(strstr(r->error, "apps.restapi.enabled=0"));
	assert_int_equal(logcount(P_DISABLED, NULL, NULL), 1);
	assert_int_equal(logcount(P_DISABLED, "auth=none", NULL), 1);
	clear();
}

static void
t_wrong_password(void **state)
{
	struct phone_opts	 o;
	struct phone_result	*r;

	opts(&o);
	r = run1(&o, P_WRONGPW, NULL);
	assert_int_equal(r->kind, PHONE_E_AUTH);
	assert_non_null(strstr(r->error, "login refused"));
	assert_null(strstr(r->error, PW));
	/* One probe without credentials, exactly one login. */
	assert_int_equal(logcount(P_WRONGPW, NULL, NULL), 2);
	assert_int_equal(logcount(P_WRONGPW, "auth=basic code=401", NULL), 1);
	clear();
	r = run1(&o, P_DIGEST_ONLY_WRONG, NULL);
	assert_int_equal(r->kind, PHONE_E_AUTH);
	assert_int_equal(logcount(P_DIGEST_ONLY_WRONG, "auth=digest", NULL),
	    1);
	assert_int_equal(logcount(P_DIGEST_ONLY_WRONG, "auth=basic", NULL), 0);
	clear();
	/* No password at all: stop at the challenge. */
	o.password = NULL;
	r = run1(&o, P_V2BASIC, NULL);
	assert_int_equal(r->kind, PHONE_E_AUTH);
	assert_non_null(strstr(r->error, "none was given"));
	clear();
}

static void
t_wrong_mac(void **state)
{
	static const char *const names[] = { "a.b" };
	struct phone_opts	 o;
	struct phone_result	*r;
	char			 mac[16];

	want_names = names;
	want_n = 1;
	opts(&o);
	snprintf(mac, sizeof(mac), "0004f2%06x", P_WRONGMAC);
	r = run1(&o, P_WRONGMAC, mac);
	assert_int_equal(r->kind, PHONE_E_MISMATCH);
	assert_non_null(strstr(r->error, "this host is not the phone you "
	    "named"));
	assert_int_equal(logcount(P_WRONGMAC, "config/get", NULL), 0);
	want_n = 0;
	clear();
}

static void
t_time_bounds(void **state)
{
	struct phone_opts	 o;
	struct phone_result	*r;
	long			 t0;

	opts(&o);
	o.request_ms = 300;
	t0 = now_ms();
	r = run1(&o, P_HANG, NULL);
	assert_int_equal(r->kind, PHONE_E_TIMEOUT);
	assert_true(now_ms() - t0 < 10000);
	clear();
	o.request_ms = 1000;	/* past the first byte of the drip */
	t0 = now_ms();
	r = run1(&o, P_DRIP, NULL);
	assert_int_equal(r->kind, PHONE_E_TIMEOUT);
	assert_true(now_ms() - t0 < 10000);
	clear();
	/* A per-phone bound shorter than one request wins.  (P_HANG is
	 * still busy with the request we gave up on, as a phone would be.) */
	o.request_ms = 10000;
	o.phone_ms = 300;
	t0 = now_ms();
	r = run1(&o, P_HANG2, NULL);
	assert_int_equal(r->kind, PHONE_E_TIMEOUT);
	assert_true(now_ms() - t0 < 8000);
	clear();
	/* The phone still works on the abandoned request: a second one is
	 * refused as busy (403), as real phones do. */
	o.phone_ms = 20000;
	r = run1(&o, P_HANG, NULL);
	assert_int_equal(r->kind, PHONE_E_BUSY);
	clear();
	opts(&o);
	r = run1(&o, P_SLOW, NULL);
	assert_null(r->error);
	clear();
}

static void
t_bad_bodies(void **state)
{
	struct phone_opts	 o;
	struct phone_result	*r;

	opts(&o);
	r = run1(&o, P_GARBAGE, NULL);
	assert_int_equal(r->kind, PHONE_E_PROTOCOL);
	assert_non_null(strstr(r->error, "invalid JSON"));
	clear();
	r = run1(&o, P_TRUNC, NULL);
	assert_int_equal(r->kind, PHONE_E_PROTOCOL);
	assert_non_null(strstr(r->error, "invalid JSON"));
	clear();
	r = run1(&o, P_BIG, NULL);
	assert_int_equal(r->kind, PHONE_E_TOO_BIG);
	assert_non_null(strstr(r->error, "1048576"));
	clear();
	r = run1(&o, P_TYPES, NULL);
	assert_int_equal(r->kind, PHONE_E_PROTOCOL);
	assert_non_null(strstr(r->error, "not a string"));
	clear();
	r = run1(&o, P_500, NULL);
	assert_int_equal(r->kind, PHONE_E_PROTOCOL);
	assert_non_null(strstr(r->error, "HTTP 500"));
	clear();
}

static void
t_status_5000(void **state)
{
	static const char *const names[] = { "a.b" };
	struct phone_opts	 o;
	struct phone_result	*r;

	want_names = names;
	want_n = 1;
	opts(&o);
	r = run1(&o, P_5000, NULL);
	assert_int_equal(r->kind, PHONE_E_PROTOCOL);
	assert_non_null(strstr(r->error, "Status 5000"));
	assert_int_equal(r->nvalues, 0);
	assert_string_equal(r->id.model, "VVX411");
	want_n = 0;
	clear();
}

static void
t_redirect(void **state)
{
	struct phone_opts	 o;
	struct phone_result	*r;
	char			 where[64];

	opts(&o);
	r = run1(&o, P_REDIR, NULL);
	assert_int_equal(r->kind, PHONE_E_REDIRECT);
	snprintf(where, sizeof(where), "127.0.0.1:%u", ports[P_REDIR_TARGET]);
	assert_non_null(strstr(r->error, where));
	assert_int_equal(logcount(P_REDIR_TARGET, NULL, NULL), 0);
	clear();
}

static void
t_resplit(void **state)
{
	struct phone_opts	 o;
	struct phone_result	*r;
	char			*names[30];
	size_t			 i;

	for (i = 0; i < 30; i++)
		names[i] = xasprintf("q.%zu", i);
	want_names = (const char *const *)names;
	want_n = 30;
	opts(&o);
	r = run1(&o, P_RESPLIT, NULL);
	assert_null(r->error);
	assert_int_equal(r->nvalues, 30);
	assert_int_equal(logcount(P_RESPLIT, "code=200 names=20\n", NULL), 1);
	assert_int_equal(logcount(P_RESPLIT, "code=200 names=10\n", NULL), 3);
	clear();
	r = run1(&o, P_RESPLIT_FAIL, NULL);
	assert_int_equal(r->kind, PHONE_E_PROTOCOL);
	assert_non_null(strstr(r->error, "4009"));
	assert_non_null(strstr(r->error, "not resent"));
	assert_int_equal(logcount(P_RESPLIT_FAIL, "names=20\n", NULL), 1);
	assert_int_equal(logcount(P_RESPLIT_FAIL, "names=10\n", NULL), 1);
	no_bad_batches(P_RESPLIT_FAIL);
	for (i = 0; i < 30; i++)
		free(names[i]);
	want_n = 0;
	clear();
}

static void
t_prov_redacted(void **state)
{
	struct phone_opts	 o;
	struct phone_result	*r;

	opts(&o);
	r = run1(&o, P_PROV, NULL);
	assert_null(r->error);
	assert_string_equal(r->id.prov_server, "ftp://bob:***@boot.example/x");
	assert_string_equal(r->id.prov_type, "FTP");
	assert_string_equal(r->id.prov_user, "bob");
	clear();
}

static void
t_tls(void **state)
{
	struct phone_opts	 o;
	struct phone_result	*r;

	opts(&o);
	o.http = 0;
	o.cacert = cabundle;
	r = run1(&o, P_TLS_OK, NULL);
	assert_null(r->error);
	assert_null(r->tls_warning);
	assert_int_equal(r->insecure, 0);
	assert_string_equal(r->id.mac, MAC_A);
	clear();
	r = run1(&o, P_TLS_CN, NULL);
	assert_null(r->error);
	assert_non_null(r->tls_warning);
	assert_non_null(strstr(r->tls_warning, "not-the-mac.example"));
	clear();
	/* Untrusted certificate: refused, nothing sent. */
	o.cacert = NULL;
	r = run1(&o, P_TLS_OK, NULL);
	assert_int_equal(r->kind, PHONE_E_TLS);
	clear();
	o.insecure = 1;
	r = run1(&o, P_TLS_CN, NULL);
	assert_null(r->error);
	assert_int_equal(r->insecure, 1);
	assert_null(r->tls_warning);
	clear();
	/* HTTPS against a plain HTTP phone fails cleanly. */
	r = run1(&o, P_SLOW, NULL);
	assert_int_not_equal(r->kind, PHONE_OK);
	clear();
}

static void
t_unreachable(void **state)
{
	struct phone_opts	 o;
	struct phone_result	*r;
	struct phone_target	 t = { "127.0.0.1", 1, NULL };
	struct phone_cb		 cb = { names_for, done, NULL, NULL };
	char			*cause = NULL;

	opts(&o);
	clear();
	assert_int_equal(phone_run(&o, &t, 1, &cb, &cause), 0);
	r = res[0];
	assert_int_equal(r->kind, PHONE_E_UNREACHABLE);
	clear();
	t.mac = "zz";
	assert_int_equal(phone_run(&o, &t, 1, &cb, &cause), 0);
	assert_int_equal(res[0]->kind, PHONE_E_MISMATCH);
	clear();
}

static void
t_fleet(void **state)
{
	static const char *const names[] = { "a.b", "c.d", "x.y" };
	struct phone_opts	 o;
	struct phone_target	 t[NFLEET];
	struct phone_cb		 cb = { names_for, done, progress, NULL };
	char			*cause = NULL;
	int			 i, bad = 0;

	want_names = names;
	want_n = 3;
	opts(&o);
	for (i = 0; i < NFLEET; i++) {
		t[i].host = "127.0.0.1";
		t[i].port = ports[FLEET0 + i];
		t[i].mac = NULL;
	}
	clear();
	assert_int_equal(phone_run(&o, t, NFLEET, &cb, &cause), 0);
	for (i = 0; i < NFLEET; i++) {
		assert_non_null(res[i]);
		if (i == 3)
			assert_int_equal(res[i]->kind, PHONE_E_DISABLED);
		else if (i == 11)
			assert_int_equal(res[i]->kind,
			    PHONE_E_DEFAULT_PASSWORD);
		else if (i == 23)
			assert_int_equal(res[i]->kind, PHONE_E_AUTH);
		else {
			assert_null(res[i]->error);
			assert_int_equal(res[i]->nvalues, 3);
		}
		bad += res[i]->error != NULL;
		no_bad_batches(FLEET0 + i);
		/* Offered both, curl answers Digest: no password in clear. */
		if (i % 2 == 1)
			assert_int_equal(logcount(FLEET0 + i, "auth=basic",
			    NULL), 0);
	}
	assert_int_equal(bad, 3);
	assert_int_equal(prog_done, NFLEET);
	assert_int_equal(prog_total, NFLEET);
	assert_int_equal(prog_failed, 3);
	/* With jobs = 4 the same answers come back. */
	o.jobs = 4;
	clear();
	assert_int_equal(phone_run(&o, t, NFLEET, &cb, &cause), 0);
	for (i = 0, bad = 0; i < NFLEET; i++)
		bad += res[i]->error != NULL;
	assert_int_equal(bad, 3);
	want_n = 0;
	clear();
}

/* Last: the password never reached the simulator's log. */
static void
t_password_hygiene(void **state)
{
	FILE	*fp;
	char	 line[1024];
	int	 n = 0;

	settle();
	assert_non_null(fp = fopen(logpath, "r"));
	while (fgets(line, sizeof(line), fp) != NULL) {
		assert_null(strstr(line, PW));
		assert_null(strstr(line, "sessionStats"));
		assert_null(strstr(line, "config/set"));
		n++;
	}
	fclose(fp);
	assert_true(n > 50);
}

static void
t_password_load(void **state)
{
	char	 path[300], *pw = NULL, *cause = NULL;
	FILE	*fp;

	snprintf(path, sizeof(path), "%s/pwfile", dir);
	assert_non_null(fp = fopen(path, "w"));
	fputs("line one\r\nline two\n", fp);
	fclose(fp);
	assert_int_equal(phone_password_load(path, 0, &pw, &cause), 0);
	assert_string_equal(pw, "line one");
	phone_password_free(pw);
	assert_non_null(fp = fopen(path, "w"));
	fclose(fp);
	assert_int_equal(phone_password_load(path, 0, &pw, &cause), -1);
	assert_non_null(strstr(cause, path));
	free(cause);
	assert_int_equal(phone_password_load("/nonexistent/x", 0, &pw, &cause),
	    -1);
	free(cause);
	/* Standard input: first line only; flags beat the environment. */
	assert_non_null(fp = fopen(path, "w"));
	fputs("from-stdin\nrest\n", fp);
	fclose(fp);
	setenv("POLYAUDIT_PASSWORD", "from-env", 1);
	assert_non_null(freopen(path, "r", stdin));
	assert_int_equal(phone_password_load(NULL, 1, &pw, &cause), 0);
	assert_string_equal(pw, "from-stdin");
	phone_password_free(pw);
	assert_non_null(freopen("/dev/null", "r", stdin));
	assert_int_equal(phone_password_load(NULL, 1, &pw, &cause), -1);
	assert_non_null(strstr(cause, "standard input"));
	free(cause);
	assert_int_equal(phone_password_load(NULL, 0, &pw, &cause), 0);
	assert_string_equal(pw, "from-env");
	phone_password_free(pw);
	unsetenv("POLYAUDIT_PASSWORD");
	assert_int_equal(phone_password_load(NULL, 0, &pw, &cause), 0);
	assert_null(pw);
	phone_password_free(NULL);
}

static void
t_netrc(void **state)
{
	struct phone_opts	 o;
	struct phone_result	*r;
	char			 path[300];
	FILE			*fp;

	snprintf(path, sizeof(path), "%s/netrc", dir);
	assert_non_null(fp = fopen(path, "w"));
	fprintf(fp, "machine 127.0.0.1 login Polycom password %s\n", PW);
	fclose(fp);
	opts(&o);
	o.password = NULL;
	o.netrc_file = path;
	r = run1(&o, P_V1DIGEST, NULL);
	assert_null(r->error);
	clear();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_v1_digest_chunks),
		cmocka_unit_test(t_v2_basic_object),
		cmocka_unit_test(t_busy),
		cmocka_unit_test(t_default_password),
		cmocka_unit_test(t_disabled),
		cmocka_unit_test(t_wrong_password),
		cmocka_unit_test(t_wrong_mac),
		cmocka_unit_test(t_time_bounds),
		cmocka_unit_test(t_bad_bodies),
		cmocka_unit_test(t_status_5000),
		cmocka_unit_test(t_redirect),
		cmocka_unit_test(t_resplit),
		cmocka_unit_test(t_prov_redacted),
		cmocka_unit_test(t_tls),
		cmocka_unit_test(t_unreachable),
		cmocka_unit_test(t_fleet),
		cmocka_unit_test(t_netrc),
		cmocka_unit_test(t_password_load),
		cmocka_unit_test(t_password_hygiene),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
