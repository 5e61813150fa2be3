/*
 * The merge: precedence, masking, model suffixes, device.* gating,
 * defaults and the findings about the merged view, per
 * shared/reference/provisioning.md section 8, rules 5 to 10.
 */
#include "testshare.h"

#include "merge.h"
#include "pin.h"
#include "resolve.h"
#include "share.h"

#define MAC	"0004f2abcdef"

struct fixture {
	char			*root;
	struct share		*sh;
	struct resolution	 r;
	int			 resolved;
	struct merged		*m;
	struct findings		 fs;
};

static int
setup(void **state)
{
	struct fixture	*fx;

	fx = calloc(1, sizeof(*fx));
	fx->root = ts_mkdir();
	*state = fx;
	return 0;
}

static void
clear(struct fixture *fx)
{
	merge_free(fx->m);
	fx->m = NULL;
	findings_free(&fx->fs);
	if (fx->resolved)
		resolution_free(&fx->r);
	fx->resolved = 0;
	share_free(fx->sh);
	fx->sh = NULL;
}

static int
teardown(void **state)
{
	struct fixture	*fx = *state;

	clear(fx);
	ts_rmtree(fx->root);
	free(fx);
	return 0;
}

/* A master listing list; other attributes, which must not be merged. */
static void
master(struct fixture *fx, const char *list)
{
	char	*text;

	if (asprintf(&text, "<APPLICATION CONFIG_FILES=\"%s\" "
	    "shared.only.in.master=\"M\"/>", list) == -1)
		fail_msg("asprintf");
	ts_write(fx->root, MAC ".cfg", text);
	free(text);
}

/* Resolve and merge what is on disk now. */
static struct merged *
build(struct fixture *fx, const char *model)
{
	char	*cause = NULL;
	size_t	 i;

	clear(fx);
	if ((fx->sh = share_open(fx->root, &cause)) == NULL)
		fail_msg("share_open: %s", cause);
	resolve_phone(fx->sh, MAC, model, NULL, &fx->r);
	fx->resolved = 1;
	/* The master's own parameter is meant: it must not apply. */
	for (i = 0; i < fx->r.findings.n; i++)
		if (fx->r.findings.v[i].code != FIND_MASTER_PARAMS)
			fail_msg("resolve finding %s: %s",
			    findings_name(fx->r.findings.v[i].code),
			    fx->r.findings.v[i].message);
	assert_int_equal(fx->r.findings.n, 1);
	fx->m = merge_new(&fx->r);
	return fx->m;
}

static const struct eparam *
get(struct fixture *fx, const char *name, const char *value,
    enum psource src, const char *file, int line)
{
	const struct eparam	*e = merge_get(fx->m, name);

	assert_non_null(e);
	assert_string_equal(e->name, name);
	if (value == NULL)
		assert_null(e->value);
	else {
		if (e->value == NULL)
			fail_msg("%s unset, want \"%s\"", name, value);
		assert_string_equal(e->value, value);
	}
	if (e->source != src)
		fail_msg("%s: source %s, want %s", name,
		    psource_name(e->source), psource_name(src));
	if (file == NULL)
		assert_null(e->file);
	else {
		assert_non_null(e->file);
		assert_string_equal(e->file, file);
	}
	assert_int_equal(e->line, line);
	return e;
}

static void
shadow_is(const struct eparam *e, size_t i, const char *name,
    const char *value, const char *file, int line, enum role role)
{
	if (i >= e->nshadowed)
		fail_msg("%s: no shadowed value %zu (have %zu)", e->name, i,
		    e->nshadowed);
	assert_string_equal(e->shadowed[i].name, name);
	assert_string_equal(e->shadowed[i].value, value);
	assert_string_equal(e->shadowed[i].file, file);
	assert_int_equal(e->shadowed[i].line, line);
	assert_int_equal(e->shadowed[i].role, role);
}

static void
check(struct fixture *fx)
{
	findings_free(&fx->fs);
	merge_check(fx->m, &fx->fs);
}

/* Rule 5: across files, the first in precedence order wins. */
static void
test_first_file_wins(void **state)
{
	struct fixture		*fx = *state;
	const struct eparam	*e;

	master(fx, "a.cfg, b.cfg, c.cfg");
	ts_write(fx->root, "a.cfg", "<c\n x=\"A\"/>");
	ts_write(fx->root, "b.cfg", "<c\n y=\"1\"\n x=\"B\"/>");
	ts_write(fx->root, "c.cfg", "<c\n\n\n x=\"C\"/>");
	build(fx, NULL);
	e = get(fx, "x", "A", PSRC_CONFIG, "a.cfg", 2);
	assert_string_equal(e->setname, "x");
	assert_null(e->note);
	assert_int_equal(e->nshadowed, 2);
	shadow_is(e, 0, "x", "B", "b.cfg", 3, ROLE_CONFIG);
	shadow_is(e, 1, "x", "C", "c.cfg", 4, ROLE_CONFIG);
	e = get(fx, "y", "1", PSRC_CONFIG, "b.cfg", 2);
	assert_int_equal(e->nshadowed, 0);
	assert_null(e->shadowed);

	/* The order is the list's, not the names'. */
	master(fx, "c.cfg, a.cfg");
	build(fx, NULL);
	e = get(fx, "x", "C", PSRC_CONFIG, "c.cfg", 4);
	shadow_is(e, 0, "x", "A", "a.cfg", 2, ROLE_CONFIG);
}

static void
test_conflict_across_files(void **state)
{
	struct fixture		*fx = *state;
	const struct finding	*f;

	master(fx, "a.cfg, b.cfg");
	ts_write(fx->root, "a.cfg", "<c\n x=\"A\"\n same=\"1\"/>");
	ts_write(fx->root, "b.cfg", "<c\n same=\"1\"\n x=\"B\"/>");
	build(fx, NULL);
	check(fx);
	f = ts_one(&fx->fs, "conflict");
	assert_int_equal(f->sev, SEV_WARNING);
	/* Reported where the losing value stands. */
	assert_string_equal(f->file, "b.cfg");
	assert_int_equal(f->line, 3);
	assert_non_null(strstr(f->message, "a.cfg:2"));
	/* Equal values are no conflict. */
	assert_int_equal(fx->fs.n, 1);
}

/* Rule 5, inside one file: document order. */
static void
test_conflict_within_file(void **state)
{
	struct fixture		*fx = *state;
	const struct eparam	*e;
	const struct finding	*f;

	master(fx, "a.cfg");
	ts_write(fx->root, "a.cfg", "<c>\n<p x=\"1\"/>\n<p x=\"2\"/>\n"
	    "<p x=\"1\"/>\n<p x=\"3\"/>\n</c>");
	build(fx, NULL);
	e = get(fx, "x", "1", PSRC_CONFIG, "a.cfg", 2);
	assert_int_equal(e->nshadowed, 3);
	shadow_is(e, 0, "x", "2", "a.cfg", 3, ROLE_CONFIG);
	shadow_is(e, 1, "x", "1", "a.cfg", 4, ROLE_CONFIG);
	shadow_is(e, 2, "x", "3", "a.cfg", 5, ROLE_CONFIG);
	check(fx);
	/* Once per parameter, at the first losing line. */
	f = ts_one(&fx->fs, "conflict");
	assert_string_equal(f->file, "a.cfg");
	assert_int_equal(f->line, 3);
	assert_non_null(strstr(f->message, "one file"));
	assert_int_equal(fx->fs.n, 1);
}

/* Rule 7: "" is a value and masks lower layers. */
static void
test_empty_masks(void **state)
{
	struct fixture		*fx = *state;
	const struct eparam	*e;

	master(fx, "a.cfg, b.cfg");
	ts_write(fx->root, "a.cfg", "<c\n x=\"\"/>");
	ts_write(fx->root, "b.cfg", "<c\n x=\"B\"/>");
	build(fx, NULL);
	e = get(fx, "x", "", PSRC_CONFIG, "a.cfg", 2);
	shadow_is(e, 0, "x", "B", "b.cfg", 2, ROLE_CONFIG);
}

/* Rule 4: the phone-UI override, then the web override, then the list. */
static void
test_override_precedence(void **state)
{
	struct fixture		*fx = *state;
	const struct eparam	*e;
	const struct finding	*f;

	master(fx, "a.cfg");
	ts_write(fx->root, MAC "-phone.cfg", "<PHONE_CONFIG>\n<o\n x=\"P\"/>"
	    "</PHONE_CONFIG>");
	ts_write(fx->root, MAC "-web.cfg", "<c\n x=\"W\"\n y=\"W\"/>");
	ts_write(fx->root, "a.cfg", "<c\n x=\"A\"\n y=\"A\"\n z=\"A\"/>");
	build(fx, NULL);
	e = get(fx, "x", "P", PSRC_PHONE_OVERRIDE, MAC "-phone.cfg", 3);
	assert_int_equal(e->nshadowed, 2);
	shadow_is(e, 0, "x", "W", MAC "-web.cfg", 2, ROLE_WEB_OVERRIDE);
	shadow_is(e, 1, "x", "A", "a.cfg", 2, ROLE_CONFIG);
	e = get(fx, "y", "W", PSRC_WEB_OVERRIDE, MAC "-web.cfg", 3);
	shadow_is(e, 0, "y", "A", "a.cfg", 3, ROLE_CONFIG);
	get(fx, "z", "A", PSRC_CONFIG, "a.cfg", 4);

	check(fx);
	assert_int_equal(ts_count(&fx->fs, "overridden"), 2);
	assert_int_equal(ts_count(&fx->fs, "conflict"), 0);
	f = &fx->fs.v[0];
	/* Sorted names: x first; reported at the override's line. */
	assert_string_equal(findings_name(f->code), "overridden");
	assert_string_equal(f->file, MAC "-phone.cfg");
	assert_int_equal(f->line, 3);
	assert_non_null(strstr(f->message, "phone-UI override"));
	f = &fx->fs.v[1];
	assert_string_equal(f->file, MAC "-web.cfg");
	assert_int_equal(f->line, 3);
	assert_non_null(strstr(f->message, "web override"));
}

/* Rule 8 and its clarification. */
static void
test_model_suffix(void **state)
{
	struct fixture		*fx = *state;
	const struct eparam	*e;
	const char *const	*names;
	size_t			 n;

	master(fx, "a.cfg, b.cfg");
	ts_write(fx->root, MAC "-phone.cfg",
	    "<c\n reg.1.callsPerLineKey=\"8\"/>");
	ts_write(fx->root, "a.cfg", "<c\n reg.1.callsPerLineKey=\"4\"\n"
	    " only.VVX101=\"s\"/>");
	ts_write(fx->root, "b.cfg", "<c\n reg.1.callsPerLineKey.VVX101=\"2\"/>");

	/* The suffix anywhere beats the plain name everywhere. */
	build(fx, "VVX101");
	e = get(fx, "reg.1.callsPerLineKey", "2", PSRC_CONFIG, "b.cfg", 2);
	assert_string_equal(e->setname, "reg.1.callsPerLineKey.VVX101");
	assert_int_equal(e->nshadowed, 2);
	shadow_is(e, 0, "reg.1.callsPerLineKey", "8", MAC "-phone.cfg", 2,
	    ROLE_PHONE_OVERRIDE);
	shadow_is(e, 1, "reg.1.callsPerLineKey", "4", "a.cfg", 2,
	    ROLE_CONFIG);
	get(fx, "only", "s", PSRC_CONFIG, "a.cfg", 3);
	n = merge_names(fx->m, &names);
	assert_int_equal(n, 4);
	assert_string_equal(names[0], "only");
	assert_string_equal(names[1], "only.VVX101");
	assert_string_equal(names[2], "reg.1.callsPerLineKey");
	assert_string_equal(names[3], "reg.1.callsPerLineKey.VVX101");

	/* Another model, or none: the suffix does nothing. */
	build(fx, "VVX411");
	e = get(fx, "reg.1.callsPerLineKey", "8", PSRC_PHONE_OVERRIDE,
	    MAC "-phone.cfg", 2);
	assert_string_equal(e->setname, "reg.1.callsPerLineKey");
	get(fx, "only", NULL, PSRC_UNSET, NULL, 0);
	n = merge_names(fx->m, &names);
	assert_int_equal(n, 3);
	build(fx, NULL);
	get(fx, "reg.1.callsPerLineKey", "8", PSRC_PHONE_OVERRIDE,
	    MAC "-phone.cfg", 2);
	/* Model tokens are case-sensitive. */
	build(fx, "vvx101");
	get(fx, "reg.1.callsPerLineKey", "8", PSRC_PHONE_OVERRIDE,
	    MAC "-phone.cfg", 2);
}

/* Rule 9 and its clarification. */
static void
test_device_gating(void **state)
{
	struct fixture		*fx = *state;
	const struct eparam	*e;

	master(fx, "a.cfg");
	ts_write(fx->root, "a.cfg", "<c\n device.sntp.serverName=\"ntp\"\n"
	    " device.sntp.serverName.set=\"1\"/>");
	build(fx, NULL);
	/* No device.set: not applied, but where it came from is kept. */
	e = get(fx, "device.sntp.serverName", "ntp", PSRC_NOT_APPLIED,
	    "a.cfg", 2);
	assert_string_equal(e->setname, "device.sntp.serverName");
	assert_non_null(strstr(e->note, "device.set"));
	/* The gates themselves are not gated. */
	get(fx, "device.sntp.serverName.set", "1", PSRC_CONFIG, "a.cfg", 3);
	get(fx, "device.set", NULL, PSRC_UNSET, NULL, 0);

	ts_write(fx->root, "a.cfg", "<c\n device.sntp.serverName=\"ntp\"\n"
	    " device.set=\"1\"/>");
	build(fx, NULL);
	e = get(fx, "device.sntp.serverName", "ntp", PSRC_NOT_APPLIED,
	    "a.cfg", 2);
	assert_non_null(strstr(e->note, ".set"));
	get(fx, "device.set", "1", PSRC_CONFIG, "a.cfg", 3);

	/* "1" only: "true" or "0" do not open the gate. */
	ts_write(fx->root, "a.cfg", "<c\n device.sntp.serverName=\"ntp\"\n"
	    " device.set=\"1\"\n device.sntp.serverName.set=\"true\"/>");
	build(fx, NULL);
	get(fx, "device.sntp.serverName", "ntp", PSRC_NOT_APPLIED, "a.cfg", 2);

	ts_write(fx->root, "a.cfg", "<c\n device.sntp.serverName=\"ntp\"\n"
	    " device.set=\"1\"\n device.sntp.serverName.set=\"1\"/>");
	build(fx, NULL);
	get(fx, "device.sntp.serverName", "ntp", PSRC_CONFIG, "a.cfg", 2);

	/* The gates resolve through the chain like anything else. */
	master(fx, "a.cfg, b.cfg");
	ts_write(fx->root, MAC "-web.cfg", "<c\n device.set=\"0\"/>");
	ts_write(fx->root, "b.cfg", "<c/>");
	build(fx, NULL);
	get(fx, "device.set", "0", PSRC_WEB_OVERRIDE, MAC "-web.cfg", 2);
	get(fx, "device.sntp.serverName", "ntp", PSRC_NOT_APPLIED, "a.cfg", 2);
}

static void
test_not_applied_summary(void **state)
{
	struct fixture		*fx = *state;
	const struct finding	*f;

	master(fx, "a.cfg");
	ts_write(fx->root, "a.cfg", "<c\n device.b=\"x\"\n device.a=\"y\"\n"
	    " device.c=\"\"\n device.d=\"z\"\n device.d.set=\"1\"/>");
	build(fx, NULL);
	check(fx);
	f = ts_one(&fx->fs, "not-applied");
	assert_int_equal(f->sev, SEV_NOTE);
	/* The first in name order; an empty value changes nothing. */
	assert_string_equal(f->file, "a.cfg");
	assert_int_equal(f->line, 3);
	assert_non_null(strstr(f->message, "3 device.* values are"));
	assert_non_null(strstr(f->message, "device.a"));
	assert_int_equal(fx->fs.n, 1);

	ts_write(fx->root, "a.cfg", "<c\n device.set=\"1\"\n device.a=\"y\"\n"
	    " device.a.set=\"1\"/>");
	build(fx, NULL);
	check(fx);
	assert_int_equal(fx->fs.n, 0);
}

/* Rule 10. */
static void
test_defaults(void **state)
{
	struct fixture		*fx = *state;
	const struct eparam	*e;

	master(fx, "a.cfg");
	ts_write(fx->root, "a.cfg", "<c\n reg.2.address=\"x\"/>");
	build(fx, NULL);
	e = get(fx, "reg.1.auth.usePinCredentials", "0", PSRC_DEFAULT,
	    NULL, 0);
	assert_non_null(strstr(e->note, "Generic"));
	assert_null(e->setname);
	assert_int_equal(e->nshadowed, 0);
	get(fx, "reg.12.auth.usePinCredentials", "0", PSRC_DEFAULT, NULL, 0);
	e = get(fx, "dhcp.option43.override.stsUri", "", PSRC_DEFAULT,
	    NULL, 0);
	assert_non_null(e->note);
	e = get(fx, "no.such.param", NULL, PSRC_UNSET, NULL, 0);
	assert_null(e->setname);
	assert_null(e->note);
	/* Not reg.N: no default. */
	get(fx, "reg.x.auth.usePinCredentials", NULL, PSRC_UNSET, NULL, 0);
	get(fx, "reg.1.auth.usePinCredentialsX", NULL, PSRC_UNSET, NULL, 0);
}

static void
profile_gives(struct fixture *fx, const char *profile, const char *want)
{
	char			*text;
	const struct eparam	*e;

	if (asprintf(&text, "<c\n device.set=\"1\"\n device.baseProfile.set="
	    "\"1\"\n device.baseProfile=\"%s\"/>", profile) == -1)
		fail_msg("asprintf");
	ts_write(fx->root, "a.cfg", text);
	free(text);
	build(fx, NULL);
	e = get(fx, "reg.3.auth.usePinCredentials", want, PSRC_DEFAULT,
	    NULL, 0);
	assert_non_null(strstr(e->note, strcmp(want, "1") == 0 ?
	    "Lync" : "Generic"));
}

static void
test_defaults_profile(void **state)
{
	struct fixture		*fx = *state;

	master(fx, "a.cfg");
	profile_gives(fx, "Lync", "1");
	profile_gives(fx, "Skype", "1");
	profile_gives(fx, "SkypeUSB", "1");
	profile_gives(fx, "Generic", "0");
	/* Base-profile names compare case-sensitively. */
	profile_gives(fx, "lync", "0");
	profile_gives(fx, "", "0");

	/* A base profile that is not applied does not count. */
	ts_write(fx->root, "a.cfg", "<c\n device.baseProfile=\"Lync\"/>");
	build(fx, NULL);
	get(fx, "device.baseProfile", "Lync", PSRC_NOT_APPLIED, "a.cfg", 2);
	get(fx, "reg.1.auth.usePinCredentials", "0", PSRC_DEFAULT, NULL, 0);

	/* A value set anywhere beats the default. */
	ts_write(fx->root, "a.cfg", "<c\n reg.1.auth.usePinCredentials=\"1\"/>");
	build(fx, NULL);
	get(fx, "reg.1.auth.usePinCredentials", "1", PSRC_CONFIG, "a.cfg", 2);
}

static void
test_name_case(void **state)
{
	struct fixture		*fx = *state;
	const struct finding	*f;

	master(fx, "a.cfg, b.cfg");
	ts_write(fx->root, "a.cfg", "<c\n reg.1.address=\"1\"/>");
	ts_write(fx->root, "b.cfg", "<c\n\n reg.1.Address=\"1\"/>");
	build(fx, NULL);
	/* Names are case-sensitive: two parameters. */
	get(fx, "reg.1.address", "1", PSRC_CONFIG, "a.cfg", 2);
	get(fx, "reg.1.Address", "1", PSRC_CONFIG, "b.cfg", 3);
	check(fx);
	f = ts_one(&fx->fs, "name-case");
	assert_int_equal(f->sev, SEV_WARNING);
	/* Sorted, "reg.1.Address" comes first; the second is reported. */
	assert_string_equal(f->file, "a.cfg");
	assert_int_equal(f->line, 2);
	assert_non_null(strstr(f->message, "reg.1.Address"));
	assert_int_equal(fx->fs.n, 1);
}

/* Rule 1 (masters are never merged) and rule 6 (what a parameter is). */
static void
test_names(void **state)
{
	struct fixture		*fx = *state;
	const char *const	*names, *const *first;
	size_t			 n;

	master(fx, "a.cfg, gone.cfg, bad.cfg");
	ts_write(fx->root, "a.cfg", "<c xmlns:xsi=\"urn:x\" xsi:type=\"t\"\n"
	    " b=\"1\" CONFIG_FILES=\"x.cfg\" APP_FILE_PATH=\"f\" a=\"2\"/>");
	ts_write(fx->root, "bad.cfg", "<c bad=\"1\">");
	clear(fx);
	{
		char	*cause = NULL;

		fx->sh = share_open(fx->root, &cause);
		resolve_phone(fx->sh, MAC, NULL, NULL, &fx->r);
		fx->resolved = 1;
		fx->m = merge_new(&fx->r);
	}
	n = merge_names(fx->m, &names);
	assert_int_equal(n, 2);
	assert_string_equal(names[0], "a");
	assert_string_equal(names[1], "b");
	/* The same array each time. */
	first = names;
	assert_int_equal(merge_names(fx->m, &names), 2);
	assert_ptr_equal(names, first);
	get(fx, "shared.only.in.master", NULL, PSRC_UNSET, NULL, 0);
	get(fx, "CONFIG_FILES", NULL, PSRC_UNSET, NULL, 0);
	get(fx, "bad", NULL, PSRC_UNSET, NULL, 0);
	get(fx, "xsi:type", NULL, PSRC_UNSET, NULL, 0);
	/* Cached: the same pointer twice. */
	assert_ptr_equal(merge_get(fx->m, "a"), merge_get(fx->m, "a"));
}

static void
test_registrations(void **state)
{
	struct fixture	*fx = *state;
	char		**names;
	int		 *regs;
	size_t		  n, i;

	master(fx, "a.cfg, b.cfg");
	ts_write(fx->root, "a.cfg", "<c reg.12.address=\"x\" reg.3.label=\"y\""
	    " reg.3.address=\"z\"/>");
	ts_write(fx->root, "b.cfg", "<c reg.7.x=\"1\" reg.3.x=\"1\"/>");
	ts_write(fx->root, MAC "-phone.cfg", "<c reg.40.x=\"1\"/>");
	build(fx, NULL);
	n = pin_registrations(fx->m, &regs);
	assert_int_equal(n, 5);
	assert_int_equal(regs[0], 1);
	assert_int_equal(regs[1], 3);
	assert_int_equal(regs[2], 7);
	assert_int_equal(regs[3], 12);
	assert_int_equal(regs[4], 40);
	free(regs);
	/* Two-digit lines, and the set's two fixed names after them. */
	n = pin_names(fx->m, &names);
	assert_int_equal(n, 7);
	assert_string_equal(names[3], "reg.12.auth.usePinCredentials");
	assert_string_equal(names[4], "reg.40.auth.usePinCredentials");
	assert_string_equal(names[6], "device.baseProfile");
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);

	/* In order already: 1, then a file's own 1, 2 and 2 again. */
	ts_write(fx->root, "a.cfg", "<c reg.1.x=\"1\" reg.2.x=\"1\"/>");
	ts_write(fx->root, "b.cfg", "<c reg.2.y=\"1\"/>");
	ts_write(fx->root, MAC "-phone.cfg", "<c/>");
	build(fx, NULL);
	n = pin_registrations(fx->m, &regs);
	assert_int_equal(n, 2);
	assert_int_equal(regs[0], 1);
	assert_int_equal(regs[1], 2);
	free(regs);

	/* Line 1 always exists. */
	ts_write(fx->root, "a.cfg", "<c x=\"1\"/>");
	ts_write(fx->root, "b.cfg", "<c/>");
	ts_write(fx->root, MAC "-phone.cfg", "<c/>");
	build(fx, NULL);
	n = pin_registrations(fx->m, &regs);
	assert_int_equal(n, 1);
	assert_int_equal(regs[0], 1);
	free(regs);
}

/*
 * The first names asked for are kept in a short list, the rest in a map:
 * each answer is found again whichever holds it, and in the gates'
 * recursion (device.* asks device.set and its own .set while it is made).
 */
static void
test_cached(void **state)
{
	struct fixture		*fx = *state;
	const struct eparam	*e[30];
	char			 name[32], value[16], xml[4096];
	size_t			 i, n = 0;

	master(fx, "a.cfg");
	n += (size_t)snprintf(xml + n, sizeof(xml) - n, "<c device.set=\"1\"");
	for (i = 0; i < 30; i++)
		n += (size_t)snprintf(xml + n, sizeof(xml) - n,
		    " device.p%zu=\"%zu\" device.p%zu.set=\"%d\"", i, i, i,
		    (int)(i % 2));
	snprintf(xml + n, sizeof(xml) - n, "/>");
	ts_write(fx->root, "a.cfg", xml);
	build(fx, NULL);
	for (i = 0; i < 30; i++) {
		snprintf(name, sizeof(name), "device.p%zu", i);
		snprintf(value, sizeof(value), "%zu", i);
		e[i] = get(fx, name, value, i % 2 ? PSRC_CONFIG :
		    PSRC_NOT_APPLIED, "a.cfg", 1);
	}
	for (i = 0; i < 30; i++) {
		snprintf(name, sizeof(name), "device.p%zu", i);
		assert_ptr_equal(merge_get(fx->m, name), e[i]);
		snprintf(name, sizeof(name), "device.p%zu.set", i);
		assert_string_equal(merge_get(fx->m, name)->value,
		    i % 2 ? "1" : "0");
	}
	assert_ptr_equal(merge_get(fx->m, "device.set"),
	    merge_get(fx->m, "device.set"));
}

static void
test_psource_name(void **state)
{
	(void)state;
	assert_string_equal(psource_name(PSRC_PHONE_OVERRIDE),
	    "phone-override");
	assert_string_equal(psource_name(PSRC_WEB_OVERRIDE), "web-override");
	assert_string_equal(psource_name(PSRC_CONFIG), "config");
	assert_string_equal(psource_name(PSRC_DEFAULT), "default");
	assert_string_equal(psource_name(PSRC_UNSET), "unset");
	assert_string_equal(psource_name(PSRC_NOT_APPLIED), "not-applied");
	merge_free(NULL);
}

#define T(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_first_file_wins),
		T(test_conflict_across_files),
		T(test_conflict_within_file),
		T(test_empty_masks),
		T(test_override_precedence),
		T(test_model_suffix),
		T(test_device_gating),
		T(test_not_applied_summary),
		T(test_defaults),
		T(test_defaults_profile),
		T(test_name_case),
		T(test_names),
		T(test_registrations),
		T(test_cached),
		cmocka_unit_test(test_psource_name),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
