/*
 * The diff: each verdict (match, drift, not-on-phone, phone-only, error)
 * and the reason it gives, from the share's provenance and the Source the
 * phone reports.
 */
#include "testshare.h"

#include "diff.h"
#include "merge.h"
#include "phone.h"

struct dfx {
	struct ts_fixture	*ts;
	struct merged		*m;
	struct phone_result	 res;
	struct phone_value	 vals[8];
	struct diff		 df;
};

static int
setup(void **state)
{
	struct dfx	*fx;
	void		*ts;

	ts_setup(&ts);
	fx = calloc(1, sizeof(*fx));
	fx->ts = ts;
	fx->res.values = fx->vals;
	fx->res.id.prov_server = (char *)"ftp://prov.example";
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct dfx	*fx = *state;
	void		*ts = fx->ts;

	diff_free(&fx->df);
	merge_free(fx->m);
	free(fx);
	return ts_teardown(&ts);
}

/* The share: a master listing a.cfg with text, plus optional overrides. */
static void
share(struct dfx *fx, const char *cfg, const char *web)
{
	ts_write(fx->ts->root, TS_MAC ".cfg",
	    "<APPLICATION CONFIG_FILES=\"a.cfg\"/>");
	ts_write(fx->ts->root, "a.cfg", cfg);
	if (web != NULL)
		ts_write(fx->ts->root, TS_MAC "-web.cfg", web);
	merge_free(fx->m);
	ts_resolve(fx->ts, NULL, NULL);
	fx->m = merge_new(&fx->ts->r);
}

/* What the phone answers for name; value NULL: unknown to it. */
static void
phone(struct dfx *fx, const char *name, const char *value,
    const char *source, int listed)
{
	struct phone_value	*v = &fx->vals[fx->res.nvalues++];

	v->name = (char *)name;
	v->value = (char *)value;
	v->source = (char *)source;
	v->listed = listed;
}

/* Diff one name; the row. */
static const struct diffrow *
diff1(struct dfx *fx, const char *name, enum verdict want)
{
	const char *const	names[] = { name };
	const struct diffrow	*d;

	diff_free(&fx->df);
	diff_phone(fx->m, names, 1, &fx->res, &fx->df);
	assert_int_equal(fx->df.n, 1);
	d = &fx->df.rows[0];
	if (d->verdict != want)
		fail_msg("%s: %s, want %s (%s)", name,
		    verdict_name(d->verdict), verdict_name(want),
		    d->reason ? d->reason : "no reason");
	assert_int_equal(fx->df.count[want], 1);
	return d;
}

static void
reason_has(const struct diffrow *d, const char *part)
{
	if (d->reason == NULL)
		fail_msg("no reason, want one with \"%s\"", part);
	if (strstr(d->reason, part) == NULL)
		fail_msg("reason \"%s\" lacks \"%s\"", d->reason, part);
}

static void
test_match(void **state)
{
	struct dfx		*fx = *state;
	const struct diffrow	*d;

	share(fx, "<c\n x=\"A\"/>", NULL);
	phone(fx, "x", "A", "config", 0);
	d = diff1(fx, "x", V_MATCH);
	assert_null(d->reason);
	assert_string_equal(d->share->value, "A");
	assert_string_equal(d->phone_value, "A");
	assert_string_equal(d->phone_source, "config");
	/* Values compare exactly: case counts. */
	fx->vals[0].value = (char *)"a";
	diff1(fx, "x", V_DRIFT);
}

static void
test_drift_config(void **state)
{
	struct dfx		*fx = *state;
	const struct diffrow	*d;

	share(fx, "<c\n x=\"A\"/>", NULL);
	phone(fx, "x", "B", "config", 0);
	d = diff1(fx, "x", V_DRIFT);
	reason_has(d, "has not re-read its configuration");
	reason_has(d, "ftp://prov.example");
	fx->res.id.prov_server = NULL;
	d = diff1(fx, "x", V_DRIFT);
	reason_has(d, "an unknown server");
}

static void
test_drift_web(void **state)
{
	struct dfx		*fx = *state;
	const struct diffrow	*d;
	char			*path;

	/* The share has the web override: it is stale. */
	share(fx, "<c\n x=\"A\"/>", "<c\n x=\"W\"/>");
	phone(fx, "x", "W2", "web", 0);
	d = diff1(fx, "x", V_DRIFT);
	assert_int_equal(d->share->source, PSRC_WEB_OVERRIDE);
	reason_has(d, "web UI since it last uploaded");
	reason_has(d, TS_MAC "-web.cfg");
	reason_has(d, "stale");
	/* No override on the share: uploads may be off. */
	path = ts_path(fx->ts->root, TS_MAC "-web.cfg");
	assert_int_equal(unlink(path), 0);
	free(path);
	share(fx, "<c\n x=\"A\"/>", NULL);
	d = diff1(fx, "x", V_DRIFT);
	reason_has(d, "set on the phone's web UI");
	reason_has(d, "uploads disabled?");
	fx->vals[0].source = (char *)"local";
	d = diff1(fx, "x", V_DRIFT);
	reason_has(d, "set on the phone's local UI");
}

static void
test_drift_default(void **state)
{
	struct dfx		*fx = *state;
	const struct diffrow	*d;

	/* The share sets it, the phone runs its default: not applied. */
	share(fx, "<c\n x=\"A\"/>", NULL);
	phone(fx, "x", "B", "default", 0);
	d = diff1(fx, "x", V_DRIFT);
	reason_has(d, "did not apply the file");

	/* polyaudit's default (rule 10) is not the phone's. */
	share(fx, "<c\n y=\"1\"/>", NULL);
	fx->vals[0].name = (char *)"reg.1.auth.usePinCredentials";
	fx->vals[0].value = (char *)"1";
	d = diff1(fx, "reg.1.auth.usePinCredentials", V_DRIFT);
	assert_int_equal(d->share->source, PSRC_DEFAULT);
	reason_has(d, "base profile is not the share's");
	fx->vals[0].value = (char *)"0";
	diff1(fx, "reg.1.auth.usePinCredentials", V_MATCH);
}

static void
test_drift_other_sources(void **state)
{
	struct dfx		*fx = *state;
	const struct diffrow	*d;

	share(fx, "<c\n x=\"A\"/>", NULL);
	phone(fx, "x", "B", "device", 0);
	reason_has(diff1(fx, "x", V_DRIFT), "stored in the phone's flash");
	fx->vals[0].source = (char *)"sip";
	reason_has(diff1(fx, "x", V_DRIFT), "comes from \"sip\"");
	fx->vals[0].source = NULL;
	reason_has(diff1(fx, "x", V_DRIFT), "the phone runs another value");

	/* device.* without its .set gates: the phone keeps its flash. */
	share(fx, "<c\n device.baseProfile=\"Lync\"/>", NULL);
	fx->vals[0].name = (char *)"device.baseProfile";
	fx->vals[0].value = (char *)"Generic";
	fx->vals[0].source = (char *)"device";
	d = diff1(fx, "device.baseProfile", V_DRIFT);
	assert_int_equal(d->share->source, PSRC_NOT_APPLIED);
	reason_has(d, "keeps what it has in flash");
	fx->vals[0].value = (char *)"Lync";
	diff1(fx, "device.baseProfile", V_MATCH);
}

static void
test_not_on_phone(void **state)
{
	struct dfx		*fx = *state;
	const struct diffrow	*d;

	share(fx, "<c\n x=\"A\"/>", NULL);
	phone(fx, "x", NULL, NULL, 1);
	d = diff1(fx, "x", V_NOT_ON_PHONE);
	assert_int_equal(d->listed, 1);
	reason_has(d, "lists it under InvalidParams");
	fx->vals[0].listed = 0;
	d = diff1(fx, "x", V_NOT_ON_PHONE);
	reason_has(d, "left the parameter out");
}

static void
test_phone_only(void **state)
{
	struct dfx		*fx = *state;
	const struct diffrow	*d;

	share(fx, "<c\n x=\"A\"/>", NULL);
	phone(fx, "y", "5", "web", 0);
	d = diff1(fx, "y", V_PHONE_ONLY);
	assert_int_equal(d->share->source, PSRC_UNSET);
	reason_has(d, "set on the phone's web UI");
	/* Unset on the share and empty on the phone is no difference. */
	fx->vals[0].value = (char *)"";
	assert_null(diff1(fx, "y", V_MATCH)->reason);
	/* Unset on the share, the phone's own default: a match. */
	fx->vals[0].value = (char *)"5";
	fx->vals[0].source = (char *)"default";
	diff1(fx, "y", V_MATCH);
	fx->vals[0].source = NULL;
	diff1(fx, "y", V_MATCH);
}

static void
test_error(void **state)
{
	struct dfx		*fx = *state;
	const struct diffrow	*d;

	share(fx, "<c\n x=\"A\"/>", NULL);
	phone(fx, "x", "A", "config", 0);
	/* A name the phone was not asked for. */
	d = diff1(fx, "z", V_ERROR);
	assert_string_equal(d->reason, "not read from the phone");
	assert_null(d->phone_value);
	/* A failed phone: every row an error with its message. */
	fx->res.kind = PHONE_E_TIMEOUT;
	fx->res.error = (char *)"timed out after 5 s";
	d = diff1(fx, "x", V_ERROR);
	assert_string_equal(d->reason, "timed out after 5 s");
}

static void
test_counts(void **state)
{
	struct dfx		*fx = *state;
	const char *const	 names[] = { "a", "b", "c", "d", "e", "f" };

	share(fx, "<c\n a=\"1\"\n b=\"1\"\n c=\"1\"/>", NULL);
	phone(fx, "a", "1", "config", 0);
	phone(fx, "b", "2", "config", 0);
	phone(fx, "c", NULL, NULL, 1);
	phone(fx, "d", "x", "local", 0);
	phone(fx, "e", "2", "config", 0);
	diff_phone(fx->m, names, 6, &fx->res, &fx->df);
	assert_int_equal(fx->df.n, 6);
	assert_int_equal(fx->df.count[V_MATCH], 1);
	assert_int_equal(fx->df.count[V_DRIFT], 1);
	assert_int_equal(fx->df.count[V_NOT_ON_PHONE], 1);
	assert_int_equal(fx->df.count[V_PHONE_ONLY], 2);
	assert_int_equal(fx->df.count[V_ERROR], 1);
	/* Rows in the order of the names asked. */
	assert_string_equal(fx->df.rows[3].share->name, "d");
	assert_int_equal(fx->df.rows[5].verdict, V_ERROR);
	diff_free(&fx->df);
	assert_int_equal(fx->df.n, 0);
	assert_null(fx->df.rows);
}

static void
test_verdict_name(void **state)
{
	(void)state;
	assert_string_equal(verdict_name(V_MATCH), "match");
	assert_string_equal(verdict_name(V_DRIFT), "drift");
	assert_string_equal(verdict_name(V_NOT_ON_PHONE), "not-on-phone");
	assert_string_equal(verdict_name(V_PHONE_ONLY), "phone-only");
	assert_string_equal(verdict_name(V_ERROR), "error");
}

#define T(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_match),
		T(test_drift_config),
		T(test_drift_web),
		T(test_drift_default),
		T(test_drift_other_sources),
		T(test_not_on_phone),
		T(test_phone_only),
		T(test_error),
		T(test_counts),
		cmocka_unit_test(test_verdict_name),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
