/*
 * PIN sign-in readiness: the verdicts yes, no and cannot tell, the order
 * of the evidence, the phone's value beating the share's, and the names
 * pin.c hands to the other commands.
 */
#include "testshare.h"

#include "dhcp.h"
#include "merge.h"
#include "phone.h"
#include "pin.h"

#define STS	"https://sts.example/CertProv/CertProvisioningService.svc"
#define LYNC	" device.set=\"1\"\n device.baseProfile.set=\"1\"\n" \
		" device.baseProfile=\"Lync\"\n"

struct pfx {
	struct ts_fixture	*ts;
	struct merged		*m;
	struct phone_result	 res;
	struct phone_value	 vals[4];
	struct pin_input	 in;
	struct pin_report	 pr;
};

static int
setup(void **state)
{
	struct pfx	*fx;
	void		*ts;

	ts_setup(&ts);
	fx = calloc(1, sizeof(*fx));
	fx->ts = ts;
	fx->res.values = fx->vals;
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct pfx	*fx = *state;
	void		*ts = fx->ts;

	pin_report_free(&fx->pr);
	merge_free(fx->m);
	free(fx);
	return ts_teardown(&ts);
}

/* A master listing a.cfg (text) and b.cfg (may be NULL: absent). */
static void
share(struct pfx *fx, const char *a, const char *b)
{
	ts_write(fx->ts->root, TS_MAC ".cfg",
	    "<APPLICATION CONFIG_FILES=\"a.cfg, b.cfg\"/>");
	ts_write(fx->ts->root, "a.cfg", a);
	ts_write(fx->ts->root, "b.cfg", b != NULL ? b : "<c/>");
	merge_free(fx->m);
	ts_resolve(fx->ts, NULL, NULL);
	fx->m = merge_new(&fx->ts->r);
	fx->in.m = fx->m;
}

static enum pin_verdict
evaluate(struct pfx *fx)
{
	pin_report_free(&fx->pr);
	pin_evaluate(&fx->in, &fx->pr);
	return fx->pr.verdict;
}

static void
verdict_is(struct pfx *fx, enum pin_verdict want)
{
	size_t	i;

	if (evaluate(fx) == want)
		return;
	for (i = 0; i < fx->pr.n; i++)
		print_message("  %s %s: %s\n", fx->pr.v[i].what,
		    pin_status_name(fx->pr.v[i].status), fx->pr.v[i].message);
	fail_msg("verdict %s, want %s", pin_verdict_name(fx->pr.verdict),
	    pin_verdict_name(want));
}

/* The only check named what; its status must be st. */
static const struct pin_check *
check_is(struct pfx *fx, const char *what, enum pin_status st)
{
	const struct pin_check	*hit = NULL;
	size_t			 i;

	for (i = 0; i < fx->pr.n; i++)
		if (strcmp(fx->pr.v[i].what, what) == 0) {
			if (hit != NULL)
				fail_msg("two %s checks", what);
			hit = &fx->pr.v[i];
		}
	if (hit == NULL)
		fail_msg("no %s check", what);
	if (hit->status != st)
		fail_msg("%s: %s, want %s (%s)", what,
		    pin_status_name(hit->status), pin_status_name(st),
		    hit->message);
	return hit;
}

static void
says(const struct pin_check *c, const char *part)
{
	if (strstr(c->message, part) == NULL)
		fail_msg("%s: \"%s\" lacks \"%s\"", c->what, c->message, part);
}

static void
test_yes_lync_defaults(void **state)
{
	struct pfx		*fx = *state;
	const struct pin_check	*c;

	/* Lync profile: usePinCredentials defaults to 1 (rule 10). */
	share(fx, "<c\n" LYNC " dhcp.option43.override.stsUri=\"" STS "\"/>",
	    NULL);
	verdict_is(fx, PIN_YES);
	/* The evidence in the order an expert checks it. */
	assert_int_equal(fx->pr.n, 3);
	assert_string_equal(fx->pr.v[0].what, "base-profile");
	assert_string_equal(fx->pr.v[1].what, "use-pin");
	assert_string_equal(fx->pr.v[2].what, "sts-uri");
	c = check_is(fx, "base-profile", PIN_OK);
	assert_string_equal(c->file, "a.cfg");
	assert_int_equal(c->line, 4);
	c = check_is(fx, "use-pin", PIN_OK);
	says(c, "default with the Lync/Skype base profile");
	assert_null(c->file);
	c = check_is(fx, "sts-uri", PIN_OK);
	says(c, "network time");
	assert_string_equal(c->file, "a.cfg");
	assert_int_equal(c->line, 5);

	/* The Generic default is 0: no. */
	share(fx, "<c\n device.set=\"1\"\n device.baseProfile.set=\"1\"\n"
	    " device.baseProfile=\"Generic\"\n"
	    " dhcp.option43.override.stsUri=\"" STS "\"/>", NULL);
	verdict_is(fx, PIN_NO);
	c = check_is(fx, "base-profile", PIN_FAIL);
	says(c, "set it to \"Lync\"");
	c = check_is(fx, "use-pin", PIN_FAIL);
	says(c, "default with the Generic base profile");
	says(c, "set it to \"1\"");
}

static void
test_cannot_tell(void **state)
{
	struct pfx		*fx = *state;
	const struct pin_check	*c;

	/* No base profile, no STS URI, no option 43: ask the phone. */
	share(fx, "<c\n reg.1.auth.usePinCredentials=\"1\"/>", NULL);
	verdict_is(fx, PIN_CANNOT_TELL);
	c = check_is(fx, "base-profile", PIN_UNKNOWN);
	says(c, "does not set device.baseProfile");
	c = check_is(fx, "sts-uri", PIN_UNKNOWN);
	says(c, "--option43");
	check_is(fx, "use-pin", PIN_OK);

	/* A base profile without its .set gates is not applied. */
	share(fx, "<c\n device.baseProfile=\"Lync\"\n"
	    " reg.1.auth.usePinCredentials=\"1\"\n"
	    " dhcp.option43.override.stsUri=\"" STS "\"/>", NULL);
	verdict_is(fx, PIN_CANNOT_TELL);
	c = check_is(fx, "base-profile", PIN_UNKNOWN);
	says(c, "keeps the profile in its flash");

	/* Any failure beats unknown. */
	share(fx, "<c\n reg.1.auth.usePinCredentials=\"0\"/>", NULL);
	verdict_is(fx, PIN_NO);
}

static void
test_shadowed(void **state)
{
	struct pfx		*fx = *state;
	const struct pin_check	*c;

	share(fx, "<c\n" LYNC " reg.1.auth.usePinCredentials=\"0\"/>",
	    "<c\n\n reg.1.auth.usePinCredentials=\"1\"/>");
	verdict_is(fx, PIN_NO);
	c = check_is(fx, "use-pin", PIN_FAIL);
	says(c, "shadowing \"1\" from b.cfg:3");
	assert_string_equal(c->file, "a.cfg");
	assert_int_equal(c->line, 5);
}

static void
test_other_lines(void **state)
{
	struct pfx	*fx = *state;
	size_t		 i, pins = 0;

	/* Line 2 off is information only: line 1 signs in. */
	share(fx, "<c\n" LYNC " reg.2.address=\"x\"\n"
	    " reg.2.auth.usePinCredentials=\"0\"\n"
	    " dhcp.option43.override.stsUri=\"" STS "\"/>", NULL);
	verdict_is(fx, PIN_YES);
	for (i = 0; i < fx->pr.n; i++)
		if (strcmp(fx->pr.v[i].what, "use-pin") == 0) {
			assert_int_equal(fx->pr.v[i].status,
			    pins == 0 ? PIN_OK : PIN_INFO);
			pins++;
		}
	assert_int_equal(pins, 2);
	assert_non_null(strstr(fx->pr.v[2].message, "line 1 is the one"));
}

static void
test_switches(void **state)
{
	struct pfx		*fx = *state;
	const struct pin_check	*c;

	share(fx, "<c\n" LYNC " dhcp.option43.override.stsUri=\"" STS "\"\n"
	    " feature.lync.hideSignInSignOut=\"1\"\n"
	    " softkey.feature.simplifiedSignIn=\"0\"\n"
	    " feature.webSignIn.enabled=\"1\"/>", NULL);
	verdict_is(fx, PIN_NO);
	c = check_is(fx, "hide-sign-in", PIN_FAIL);
	says(c, "sign-in is hidden");
	assert_int_equal(c->line, 6);
	check_is(fx, "simplified-sign-in", PIN_INFO);
	check_is(fx, "web-sign-in", PIN_INFO);
	/* Switches come after use-pin and before the STS URI. */
	assert_string_equal(fx->pr.v[2].what, "hide-sign-in");
	assert_string_equal(fx->pr.v[fx->pr.n - 1].what, "sts-uri");
}

static void
test_sts(void **state)
{
	struct pfx		*fx = *state;
	const struct pin_check	*c;
	static const char *const bad[] = {
		"http://sts.example/CertProv/CertProvisioningService.svc",
		"https:///CertProv/CertProvisioningService.svc",
		"https://sts.example/x/CertProv/CertProvisioningService.svc",
		"https://sts.example/CertProv",
	};
	char			*text;
	size_t			 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (asprintf(&text, "<c\n" LYNC
		    " dhcp.option43.override.stsUri=\"%s\"/>", bad[i]) == -1)
			fail_msg("asprintf");
		share(fx, text, NULL);
		free(text);
		verdict_is(fx, PIN_NO);
		says(check_is(fx, "sts-uri", PIN_FAIL), "is not an https URL");
	}
	/* Scheme and path compare without case. */
	share(fx, "<c\n" LYNC " dhcp.option43.override.stsUri=\"HTTPS://s.e"
	    "/certprov/certprovisioningservice.svc\"/>", NULL);
	verdict_is(fx, PIN_YES);

	/* The override needs UC Software 5.3: the phone's firmware. */
	share(fx, "<c\n" LYNC " dhcp.option43.override.stsUri=\"" STS "\"/>",
	    NULL);
	fx->in.phone = &fx->res;
	fx->res.id.firmware = (char *)"5.2.9.1";
	verdict_is(fx, PIN_NO);
	c = check_is(fx, "sts-uri", PIN_FAIL);
	says(c, "needs UC Software 5.3");
	says(c, "5.2.9.1");
	fx->res.id.firmware = (char *)"5.3.0.1";
	verdict_is(fx, PIN_YES);
}

static void
test_option43(void **state)
{
	struct pfx		*fx = *state;
	struct dhcp_result	 o;
	struct dhcp_warning	 w;
	const struct pin_check	*c;

	memset(&o, 0, sizeof(o));
	memset(&w, 0, sizeof(w));
	fx->in.opt43 = &o;
	share(fx, "<c\n" LYNC "/>", NULL);
	o.sts_uri = (char *)STS;
	verdict_is(fx, PIN_YES);
	c = check_is(fx, "sts-uri", PIN_OK);
	says(c, "DHCP option 43 gives the STS URI " STS);
	assert_null(c->file);

	/* Broken option 43: each warning, then the verdict. */
	w.message = (char *)"sub-option 2 is truncated";
	o.warns = &w;
	o.nwarns = 1;
	verdict_is(fx, PIN_NO);
	says(check_is(fx, "option43", PIN_FAIL), "sub-option 2 is truncated");
	says(check_is(fx, "sts-uri", PIN_FAIL), "no usable STS URI");
	o.nwarns = 0;
	o.sts_uri = NULL;
	verdict_is(fx, PIN_NO);
	says(check_is(fx, "option43", PIN_FAIL), "no complete STS URI");

	/* The override wins; option 43 is information then. */
	share(fx, "<c\n" LYNC " dhcp.option43.override.stsUri=\"" STS "\"/>",
	    NULL);
	verdict_is(fx, PIN_YES);
	says(check_is(fx, "option43", PIN_INFO), "also given");
}

static void
test_phone_beats_share(void **state)
{
	struct pfx		*fx = *state;
	const struct pin_check	*c;

	share(fx, "<c\n" LYNC " dhcp.option43.override.stsUri=\"" STS "\"/>",
	    NULL);
	fx->in.phone = &fx->res;
	fx->vals[0].name = (char *)"device.baseProfile";
	fx->vals[0].value = (char *)"Generic";
	fx->vals[0].source = (char *)"device";
	fx->vals[1].name = (char *)"reg.1.auth.usePinCredentials";
	fx->vals[1].value = (char *)"1";
	fx->vals[1].source = NULL;
	fx->res.nvalues = 2;
	verdict_is(fx, PIN_NO);
	c = check_is(fx, "base-profile", PIN_FAIL);
	says(c, "the phone runs it (Source device)");
	/* What runs has no file and line on the share. */
	assert_null(c->file);
	assert_int_equal(c->line, 0);
	says(check_is(fx, "use-pin", PIN_OK), "(Source unknown)");

	/* A value the firmware does not know falls back to the share. */
	fx->vals[0].value = NULL;
	verdict_is(fx, PIN_YES);
	assert_string_equal(check_is(fx, "base-profile", PIN_OK)->file,
	    "a.cfg");

	/* A phone that could not be read: the share only, and unknown. */
	fx->vals[0].value = (char *)"Generic";
	fx->res.kind = PHONE_E_UNREACHABLE;
	fx->res.error = (char *)"connection refused";
	verdict_is(fx, PIN_CANNOT_TELL);
	assert_string_equal(fx->pr.v[0].what, "phone");
	says(check_is(fx, "phone", PIN_UNKNOWN), "connection refused");
	check_is(fx, "base-profile", PIN_OK);
}

static void
test_is_param(void **state)
{
	(void)state;
	assert_true(pin_is_param("reg.1.auth.usePinCredentials"));
	assert_true(pin_is_param("reg.34.auth.usePinCredentials"));
	assert_false(pin_is_param("reg..auth.usePinCredentials"));
	assert_false(pin_is_param("reg.x.auth.usePinCredentials"));
	assert_false(pin_is_param("reg.1x.auth.usePinCredentials"));
	assert_false(pin_is_param("reg.1.auth.usePinCredentialsX"));
	assert_false(pin_is_param("reg.1.auth.usepincredentials"));
	assert_false(pin_is_param("Reg.1.auth.usePinCredentials"));
	assert_false(pin_is_param("reg.1"));
	assert_false(pin_is_param(""));
}

static void
free_names(char **names, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

static void
test_names(void **state)
{
	struct pfx		*fx = *state;
	const char *const	 want[] = { "x", "reg.1.auth.usePinCredentials" };
	char			**names;
	int			 *regs;
	size_t			  n;

	share(fx, "<c\n reg.7.address=\"a\"\n x=\"1\"/>",
	    "<c\n reg.3.label=\"b\"\n reg.7.label=\"c\"/>");
	n = pin_registrations(fx->m, &regs);
	assert_int_equal(n, 3);
	assert_int_equal(regs[0], 1);
	assert_int_equal(regs[1], 3);
	assert_int_equal(regs[2], 7);
	free(regs);

	n = pin_names(fx->m, &names);
	assert_int_equal(n, 5);
	assert_string_equal(names[0], "reg.1.auth.usePinCredentials");
	assert_string_equal(names[1], "reg.3.auth.usePinCredentials");
	assert_string_equal(names[2], "reg.7.auth.usePinCredentials");
	assert_string_equal(names[3], "dhcp.option43.override.stsUri");
	assert_string_equal(names[4], "device.baseProfile");
	free_names(names, n);

	/* --param names win over every choice. */
	n = pin_shown(fx->m, want, 2, PIN_SHOWN_PIN_AND_ALL, &names);
	assert_int_equal(n, 2);
	assert_string_equal(names[0], "x");
	free_names(names, n);
	n = pin_shown(fx->m, NULL, 0, PIN_SHOWN_ALL, &names);
	assert_int_equal(n, 4);
	assert_string_equal(names[0], "reg.3.label");
	free_names(names, n);
	n = pin_shown(fx->m, NULL, 0, PIN_SHOWN_PIN, &names);
	assert_int_equal(n, 5);
	assert_string_equal(names[4], "device.baseProfile");
	free_names(names, n);
	/* Both: the PIN set first, nothing twice. */
	share(fx, "<c\n reg.1.auth.usePinCredentials=\"1\"\n x=\"1\"/>", NULL);
	n = pin_shown(fx->m, NULL, 0, PIN_SHOWN_PIN_AND_ALL, &names);
	assert_int_equal(n, 4);
	assert_string_equal(names[0], "reg.1.auth.usePinCredentials");
	assert_string_equal(names[3], "x");
	free_names(names, n);
}

static void
test_names_of(void **state)
{
	(void)state;
	assert_string_equal(pin_verdict_name(PIN_YES), "yes");
	assert_string_equal(pin_verdict_name(PIN_NO), "no");
	assert_string_equal(pin_verdict_name(PIN_CANNOT_TELL), "cannot tell");
	assert_string_equal(pin_status_name(PIN_OK), "ok");
	assert_string_equal(pin_status_name(PIN_FAIL), "fail");
	assert_string_equal(pin_status_name(PIN_UNKNOWN), "unknown");
	assert_string_equal(pin_status_name(PIN_INFO), "info");
	assert_string_equal(pin_phone_names[0], "reg.1.auth.usePinCredentials");
}

#define T(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_yes_lync_defaults),
		T(test_cannot_tell),
		T(test_shadowed),
		T(test_other_lines),
		T(test_switches),
		T(test_sts),
		T(test_option43),
		T(test_phone_beats_share),
		T(test_names),
		cmocka_unit_test(test_is_param),
		cmocka_unit_test(test_names_of),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
