/*
 * The change engine: two shares on disk, every cause of a changed
 * effective value, the PIN verdict first, the summary.
 */
#include "testshare.h"

#include "change.h"
#include "share.h"

#define MAC1	"0004f2000001"
#define MAC2	"0004f2000002"

struct got {
	char			 mac[MAC_LEN + 1];
	char			*name;
	char			*old, *new;	/* "(absent)", "(unset)", value */
	char			*oldfile, *newfile;
	int			 oldline, newline;
	enum change_cause	 cause;
	char			*cause_file;
	int			 cause_line;
	char			*list;
	char			*why;
};

struct fixture {
	char			*a, *b;
	struct got		 v[64];
	size_t			 n;
	size_t			 calls;
	struct change_totals	 t;
};

static int
setup(void **state)
{
	struct fixture	*fx = calloc(1, sizeof(*fx));

	fx->a = ts_mkdir();
	fx->b = ts_mkdir();
	*state = fx;
	return 0;
}

static void
clear(struct fixture *fx)
{
	size_t	i;

	for (i = 0; i < fx->n; i++) {
		free(fx->v[i].name);
		free(fx->v[i].old);
		free(fx->v[i].new);
		free(fx->v[i].oldfile);
		free(fx->v[i].newfile);
		free(fx->v[i].cause_file);
		free(fx->v[i].list);
		free(fx->v[i].why);
	}
	fx->n = fx->calls = 0;
	change_totals_free(&fx->t);
}

static int
teardown(void **state)
{
	struct fixture	*fx = *state;

	clear(fx);
	ts_rmtree(fx->a);
	ts_rmtree(fx->b);
	free(fx);
	return 0;
}

static char *
sidestr(const struct change_side *s)
{
	return strdup(!s->present ? "(absent)" : s->value ? s->value :
	    "(unset)");
}

static void
collect(void *arg, const struct change_phone *cp)
{
	struct fixture	*fx = arg;
	struct got	*g;
	size_t		 i;

	fx->calls++;
	for (i = 0; i < cp->n; i++) {
		if (fx->n == sizeof(fx->v) / sizeof(fx->v[0]))
			fail_msg("too many changes");
		g = &fx->v[fx->n++];
		memcpy(g->mac, cp->mac, sizeof(g->mac));
		g->name = strdup(cp->v[i].name);
		g->old = sidestr(&cp->v[i].old);
		g->new = sidestr(&cp->v[i].new);
		g->oldfile = cp->v[i].old.file ? strdup(cp->v[i].old.file) :
		    NULL;
		g->newfile = cp->v[i].new.file ? strdup(cp->v[i].new.file) :
		    NULL;
		g->oldline = cp->v[i].old.line;
		g->newline = cp->v[i].new.line;
		g->cause = cp->v[i].cause;
		g->cause_file = cp->v[i].cause_file ?
		    strdup(cp->v[i].cause_file) : NULL;
		g->cause_line = cp->v[i].cause_line;
		g->list = cp->v[i].list ? strdup(cp->v[i].list) : NULL;
		g->why = change_why(&cp->v[i], 0);
	}
}

/* Compare the two shares with the options. */
static void
run(struct fixture *fx, const struct change_opts *o)
{
	struct change_opts	 none = { 0 };
	struct share		*a, *b;
	char			*cause = NULL;

	clear(fx);
	if ((a = share_open(fx->a, &cause)) == NULL ||
	    (b = share_open(fx->b, &cause)) == NULL)
		fail_msg("share_open: %s", cause);
	if (change_shares(a, b, o ? o : &none, collect, fx, &fx->t,
	    &cause) == -1)
		fail_msg("change_shares: %s", cause);
	share_free(a);
	share_free(b);
}

/* The only change of name for mac. */
static const struct got *
one(struct fixture *fx, const char *mac, const char *name)
{
	const struct got	*hit = NULL;
	size_t			 i;

	for (i = 0; i < fx->n; i++)
		if (strcmp(fx->v[i].mac, mac) == 0 &&
		    strcmp(fx->v[i].name, name) == 0) {
			if (hit != NULL)
				fail_msg("%s %s changed twice", mac, name);
			hit = &fx->v[i];
		}
	if (hit == NULL)
		fail_msg("no change of %s for %s (%zu changes)", name, mac,
		    fx->n);
	return hit;
}

static void
is(const struct got *g, const char *old, const char *new,
    enum change_cause cause, const char *cause_file)
{
	assert_string_equal(g->old, old);
	assert_string_equal(g->new, new);
	if (g->cause != cause)
		fail_msg("%s: cause %s, want %s (%s)", g->name,
		    change_cause_name(g->cause), change_cause_name(cause),
		    g->why);
	if (cause_file == NULL)
		assert_null(g->cause_file);
	else {
		assert_non_null(g->cause_file);
		assert_string_equal(g->cause_file, cause_file);
	}
}

/* The same file on both sides. */
static void
both(struct fixture *fx, const char *rel, const char *text)
{
	ts_write(fx->a, rel, text);
	ts_write(fx->b, rel, text);
}

#define MASTER(list) "<APPLICATION CONFIG_FILES=\"" list "\" " \
	"OVERRIDES_DIRECTORY=\"overrides\"/>\n"
#define SITE	"<s\n  x.a=\"1\"\n  reg.1.auth.usePinCredentials=\"1\"/>\n"
#define LYNC	"<d device.set=\"1\" device.baseProfile=\"Lync\" " \
	"device.baseProfile.set=\"1\"\n dhcp.option43.override.stsUri=" \
	"\"https://pool.example.com/CertProv/CertProvisioningService.svc\"/>\n"

/* Two phones on a Lync site; phone 2 only exists for the summary. */
static void
base(struct fixture *fx)
{
	both(fx, MAC1 ".cfg", MASTER("site.cfg, lync.cfg"));
	both(fx, MAC2 ".cfg", MASTER("site.cfg, lync.cfg"));
	both(fx, "site.cfg", SITE);
	both(fx, "lync.cfg", LYNC);
}

static void
test_identical(void **state)
{
	struct fixture	*fx = *state;

	base(fx);
	run(fx, NULL);
	assert_int_equal(fx->calls, 0);
	assert_int_equal(fx->t.phones, 2);
	assert_int_equal(fx->t.changed, 0);
}

/* A line edited; the PIN verdict it turns comes first, with its cause. */
static void
test_edited_pin_first(void **state)
{
	struct fixture		*fx = *state;
	struct change_row	*rows;
	const struct got	*g;
	size_t			 n;

	base(fx);
	ts_write(fx->b, "site.cfg",
	    "<s\n  x.a=\"1\"\n  reg.1.auth.usePinCredentials=\"0\"/>\n");
	run(fx, NULL);
	assert_int_equal(fx->t.changed, 2);
	assert_int_equal(fx->n, 4);
	assert_string_equal(fx->v[0].name, CHANGE_PIN);
	is(&fx->v[0], "yes", "no", CAUSE_EDITED, "site.cfg");
	g = one(fx, MAC1, "reg.1.auth.usePinCredentials");
	is(g, "1", "0", CAUSE_EDITED, "site.cfg");
	assert_string_equal(g->oldfile, "site.cfg");
	assert_int_equal(g->oldline, 3);
	assert_int_equal(g->newline, 3);
	assert_int_equal(g->cause_line, 3);
	assert_string_equal(g->why, "site.cfg:3 edited");
	n = change_summary(&fx->t, &rows);
	assert_int_equal(n, 2);
	assert_string_equal(rows[0].name, CHANGE_PIN);
	assert_int_equal(rows[0].count, 2);
	assert_string_equal(rows[0].old.value, "yes");
	assert_string_equal(rows[1].name, "reg.1.auth.usePinCredentials");
	assert_string_equal(rows[1].new.value, "0");
	assert_string_equal(rows[1].cause, "site.cfg:3 edited");
	change_rows_free(rows, n);
}

static void
test_listed_unlisted(void **state)
{
	struct fixture	*fx = *state;

	base(fx);
	both(fx, "extra.cfg", "<e x.a=\"2\" x.b=\"3\"/>\n");
	ts_write(fx->b, MAC1 ".cfg", MASTER("extra.cfg, site.cfg, lync.cfg"));
	ts_write(fx->a, MAC2 ".cfg", MASTER("site.cfg, lync.cfg, extra.cfg"));
	run(fx, NULL);
	is(one(fx, MAC1, "x.a"), "1", "2", CAUSE_LISTED, "extra.cfg");
	is(one(fx, MAC1, "x.b"), "(unset)", "3", CAUSE_LISTED, "extra.cfg");
	assert_string_equal(one(fx, MAC1, "x.b")->list, MAC1 ".cfg");
	/* Phone 2 loses extra.cfg, which lost to site.cfg for x.a. */
	is(one(fx, MAC2, "x.b"), "3", "(unset)", CAUSE_UNLISTED, "extra.cfg");
	assert_int_equal(fx->n, 3);
}

static void
test_file_appeared_went(void **state)
{
	struct fixture	*fx = *state;

	base(fx);
	both(fx, MAC1 ".cfg", MASTER("more.cfg, site.cfg, lync.cfg"));
	both(fx, MAC2 ".cfg", MASTER("gone.cfg, site.cfg, lync.cfg"));
	ts_write(fx->b, "more.cfg", "<m x.m=\"new\"/>\n");
	ts_write(fx->a, "gone.cfg", "<g x.g=\"old\"/>\n");
	run(fx, NULL);
	is(one(fx, MAC1, "x.m"), "(unset)", "new", CAUSE_FILE_NEW, "more.cfg");
	is(one(fx, MAC2, "x.g"), "old", "(unset)", CAUSE_FILE_GONE,
	    "gone.cfg");
}

static void
test_override_appeared_went(void **state)
{
	struct fixture		*fx = *state;
	const struct got	*g;

	base(fx);
	ts_write(fx->b, "overrides/" MAC1 "-web.cfg",
	    "<WEB_CONFIG><OVERRIDES reg.1.auth.usePinCredentials=\"0\"/>"
	    "</WEB_CONFIG>\n");
	ts_write(fx->a, "overrides/" MAC2 "-phone.cfg",
	    "<PHONE_CONFIG><OVERRIDES x.a=\"9\"/></PHONE_CONFIG>\n");
	run(fx, NULL);
	g = one(fx, MAC1, "reg.1.auth.usePinCredentials");
	is(g, "1", "0", CAUSE_OVERRIDE_NEW, "overrides/" MAC1 "-web.cfg");
	assert_string_equal(g->newfile, "overrides/" MAC1 "-web.cfg");
	assert_string_equal(g->oldfile, "site.cfg");
	is(one(fx, MAC1, CHANGE_PIN), "yes", "no", CAUSE_OVERRIDE_NEW,
	    "overrides/" MAC1 "-web.cfg");
	is(one(fx, MAC2, "x.a"), "9", "1", CAUSE_OVERRIDE_GONE,
	    "overrides/" MAC2 "-phone.cfg");
}

static void
test_phone_appeared_went(void **state)
{
	struct fixture	*fx = *state;

	base(fx);
	ts_write(fx->b, "0004f2000003.cfg", MASTER("site.cfg, lync.cfg"));
	ts_write(fx->a, "0004f2000000.cfg", MASTER("site.cfg, lync.cfg"));
	run(fx, NULL);
	assert_int_equal(fx->t.phones, 4);
	assert_int_equal(fx->t.appeared, 1);
	assert_int_equal(fx->t.went, 1);
	is(one(fx, "0004f2000003", CHANGE_PHONE), "(absent)",
	    "0004f2000003.cfg", CAUSE_PHONE_NEW, NULL);
	is(one(fx, "0004f2000003", CHANGE_PIN), "(absent)", "yes",
	    CAUSE_PHONE_NEW, NULL);
	is(one(fx, "0004f2000000", CHANGE_PHONE), "0004f2000000.cfg",
	    "(absent)", CAUSE_PHONE_GONE, NULL);
}

static void
test_malformed_repaired(void **state)
{
	struct fixture		*fx = *state;
	const struct got	*g;

	base(fx);
	ts_write(fx->b, "site.cfg", "<s\n  x.a=\"1\"\n  <oops/>\n");
	run(fx, NULL);
	g = one(fx, MAC1, "x.a");
	is(g, "1", "(unset)", CAUSE_MALFORMED, "site.cfg");
	assert_true(strstr(g->why, "site.cfg became malformed") != NULL);
	/* usePinCredentials falls back to the Lync default, also "1". */
	assert_int_equal(fx->n, 2);
	/* And back. */
	ts_write(fx->a, "site.cfg", "<s\n  x.a=\"1\"\n  <oops/>\n");
	ts_write(fx->b, "site.cfg", SITE);
	run(fx, NULL);
	is(one(fx, MAC2, "x.a"), "(unset)", "1", CAUSE_REPAIRED, "site.cfg");
}

static void
test_master_malformed(void **state)
{
	struct fixture	*fx = *state;

	base(fx);
	ts_write(fx->b, MAC1 ".cfg", "<APPLICATION CONFIG_FILES=\"site.cfg");
	run(fx, NULL);
	is(one(fx, MAC1, "x.a"), "1", "(unset)", CAUSE_MALFORMED,
	    MAC1 ".cfg");
}

/* A secret is compared as it is; the report redacts it. */
static void
test_secret(void **state)
{
	struct fixture	*fx = *state;

	base(fx);
	both(fx, "site.cfg", "<s reg.1.auth.password=\"old-Secret\" "
	    "reg.1.auth.usePinCredentials=\"1\"/>\n");
	ts_write(fx->b, "site.cfg", "<s reg.1.auth.password=\"new-Secret\" "
	    "reg.1.auth.usePinCredentials=\"1\"/>\n");
	run(fx, NULL);
	is(one(fx, MAC1, "reg.1.auth.password"), "old-Secret", "new-Secret",
	    CAUSE_EDITED, "site.cfg");
	assert_int_equal(fx->n, 2);
}

/* name.<MODEL> changes name; device.set gates the device.* values. */
static void
test_model_and_gates(void **state)
{
	struct fixture		*fx = *state;
	struct change_opts	 o = { 0 };
	const struct got	*g;

	base(fx);
	both(fx, "dev.cfg", "<d device.sntp.serverName=\"ntp\" "
	    "device.sntp.serverName.set=\"1\"/>\n");
	both(fx, MAC1 ".cfg", MASTER("site.cfg, lync.cfg, dev.cfg"));
	ts_write(fx->b, "site.cfg", "<s x.a=\"1\" x.a.VVX411=\"4\" "
	    "reg.1.auth.usePinCredentials=\"1\"/>\n");
	ts_write(fx->b, "lync.cfg", "<d device.set=\"0\" "
	    "device.baseProfile=\"Lync\" device.baseProfile.set=\"1\"\n"
	    " dhcp.option43.override.stsUri=\"https://pool.example.com/"
	    "CertProv/CertProvisioningService.svc\"/>\n");
	o.model = "VVX411";
	run(fx, &o);
	is(one(fx, MAC1, "x.a"), "1", "4", CAUSE_EDITED, "site.cfg");
	is(one(fx, MAC1, "device.sntp.serverName"), "ntp", "ntp",
	    CAUSE_EDITED, "lync.cfg");
	/* The base profile stops applying as device.set does. */
	is(one(fx, MAC1, "device.baseProfile"), "Lync", "Lync", CAUSE_EDITED,
	    "lync.cfg");
	is(one(fx, MAC1, "device.set"), "1", "0", CAUSE_EDITED, "lync.cfg");
	/* A Lync base profile that is not applied says nothing about PIN
	 * sign-in (rule 9): yes becomes cannot tell, on both phones. */
	g = one(fx, MAC1, CHANGE_PIN);
	assert_string_equal(g->old, "yes");
	assert_string_equal(g->new, "cannot tell");
	g = one(fx, MAC2, CHANGE_PIN);
	assert_string_equal(g->new, "cannot tell");
	/* The model's form is x.a's change, not one of its own: five for
	 * phone 1, four for phone 2, which does not read dev.cfg. */
	assert_int_equal(fx->n, 9);
}

static void
test_param_and_pin_only(void **state)
{
	struct fixture		*fx = *state;
	struct change_opts	 o = { 0 };
	const char		*want[] = { "x.a" };

	base(fx);
	ts_write(fx->b, "site.cfg",
	    "<s\n  x.a=\"2\"\n  reg.1.auth.usePinCredentials=\"0\"/>\n");
	o.want = want;
	o.nwant = 1;
	run(fx, &o);
	assert_int_equal(fx->n, 2);
	is(one(fx, MAC1, "x.a"), "1", "2", CAUSE_EDITED, "site.cfg");
	memset(&o, 0, sizeof(o));
	o.pin = 1;
	run(fx, &o);
	assert_int_equal(fx->n, 2);
	is(one(fx, MAC2, CHANGE_PIN), "yes", "no", CAUSE_EDITED, "site.cfg");
}

static void
test_names(void **state)
{
	(void)state;
	assert_string_equal(change_cause_name(CAUSE_EDITED), "edited");
	assert_string_equal(change_cause_name(CAUSE_OVERRIDE_NEW),
	    "override-appeared");
	assert_string_equal(change_cause_name(CAUSE_REORDERED), "reordered");
}

#define T(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_identical),
		T(test_edited_pin_first),
		T(test_listed_unlisted),
		T(test_file_appeared_went),
		T(test_override_appeared_went),
		T(test_phone_appeared_went),
		T(test_malformed_repaired),
		T(test_master_malformed),
		T(test_secret),
		T(test_model_and_gates),
		T(test_param_and_pin_only),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
