/*
 * resolve_phone(): which files apply to a phone and in what order, per
 * shared/reference/provisioning.md section 8, rules 1 to 4.
 */
#include "testshare.h"

#include "resolve.h"
#include "share.h"

#define MAC	TS_MAC

/* A master whose CONFIG_FILES stands on line 3; extra attributes on 4. */
static void
master(struct ts_fixture *fx, const char *name, const char *list,
    const char *extra)
{
	char	*text;

	if (asprintf(&text, "<?xml version=\"1.0\"?>\n<APPLICATION\n"
	    " CONFIG_FILES=\"%s\"\n %s/>\n", list, extra ? extra : "") == -1)
		fail_msg("asprintf");
	ts_write(fx->root, name, text);
	free(text);
}

static void
file_is(const struct resolution *r, size_t i, const char *path,
    enum role role, enum cfg_status st)
{
	if (i >= r->nfiles)
		fail_msg("no file %zu (have %zu)", i, r->nfiles);
	assert_string_equal(r->files[i].path, path);
	assert_int_equal(r->files[i].role, role);
	if (r->files[i].status != st)
		fail_msg("%s: status %s, want %s (%s)", path,
		    cfg_status_name(r->files[i].status), cfg_status_name(st),
		    r->files[i].error ? r->files[i].error : "");
	if (st == CFG_OK) {
		assert_non_null(r->files[i].cf);
		assert_null(r->files[i].error);
	} else
		assert_null(r->files[i].cf);
}

/* The config files only, after the two override slots. */
static void
configs_are(const struct resolution *r, const char *const *want, size_t n)
{
	size_t	i;

	assert_int_equal(r->nfiles, 2 + n);
	for (i = 0; i < n; i++)
		file_is(r, 2 + i, want[i], ROLE_CONFIG, CFG_OK);
}

static void
no_findings(const struct resolution *r)
{
	if (r->findings.n > 0)
		fail_msg("unexpected finding %s: %s",
		    findings_name(r->findings.v[0].code),
		    r->findings.v[0].message);
}

static void
test_master_mac(void **state)
{
	struct ts_fixture		*fx = *state;
	struct resolution	*r;

	master(fx, MAC ".cfg", "mine.cfg", NULL);
	master(fx, "000000000000.cfg", "zeros.cfg", NULL);
	ts_write(fx->root, "mine.cfg", "<c/>");
	ts_write(fx->root, "zeros.cfg", "<c/>");
	r = ts_resolve(fx, NULL, NULL);
	assert_string_equal(r->master, MAC ".cfg");
	assert_non_null(r->mastercf);
	assert_string_equal(r->mastercf->path, MAC ".cfg");
	assert_string_equal(r->mac, MAC);
	assert_null(r->model);
	configs_are(r, (const char *[]){ "mine.cfg" }, 1);
	no_findings(r);
}

static void
test_master_case(void **state)
{
	struct ts_fixture		*fx = *state;
	struct resolution	*r;
	const struct finding	*f;

	master(fx, "0004F2ABCDEF.cfg", "mine.cfg", NULL);
	master(fx, "000000000000.cfg", "zeros.cfg", NULL);
	ts_write(fx->root, "mine.cfg", "<c/>");
	r = ts_resolve(fx, NULL, NULL);
	assert_string_equal(r->master, "0004F2ABCDEF.cfg");
	f = ts_one(&r->findings, "master-case");
	assert_int_equal(f->sev, SEV_WARNING);
	assert_string_equal(f->file, "0004F2ABCDEF.cfg");
	assert_non_null(strstr(f->message, MAC ".cfg"));
	assert_int_equal(r->findings.n, 1);
	configs_are(r, (const char *[]){ "mine.cfg" }, 1);
}

/* The exact name wins over a case variant, without a warning. */
static void
test_master_exact_beats_case(void **state)
{
	struct ts_fixture		*fx = *state;
	struct resolution	*r;

	master(fx, "0004F2ABCDEF.cfg", "upper.cfg", NULL);
	master(fx, MAC ".cfg", "lower.cfg", NULL);
	ts_write(fx->root, "lower.cfg", "<c/>");
	ts_write(fx->root, "upper.cfg", "<c/>");
	r = ts_resolve(fx, NULL, NULL);
	assert_string_equal(r->master, MAC ".cfg");
	configs_are(r, (const char *[]){ "lower.cfg" }, 1);
	no_findings(r);
}

static void
test_master_zeros(void **state)
{
	struct ts_fixture		*fx = *state;
	struct resolution	*r;

	master(fx, "000000000000.cfg", "zeros.cfg", NULL);
	master(fx, "0004f2abcde0.cfg", "other.cfg", NULL);
	ts_write(fx->root, "zeros.cfg", "<c/>");
	r = ts_resolve(fx, NULL, NULL);
	assert_string_equal(r->master, "000000000000.cfg");
	configs_are(r, (const char *[]){ "zeros.cfg" }, 1);
	no_findings(r);
}

static void
test_master_given(void **state)
{
	struct ts_fixture		*fx = *state;
	struct resolution	*r;
	const struct finding	*f;

	master(fx, MAC ".cfg", "mine.cfg", NULL);
	master(fx, "site/custom.cfg", "a.cfg, ../common.cfg, sub/../b.cfg",
	    NULL);
	ts_write(fx->root, "site/a.cfg", "<c/>");
	ts_write(fx->root, "site/b.cfg", "<c/>");
	ts_write(fx->root, "common.cfg", "<c/>");
	ts_write(fx->root, "mine.cfg", "<c/>");
	r = ts_resolve(fx, NULL, "site/./custom.cfg");
	assert_string_equal(r->master, "site/custom.cfg");
	/* Relative names resolve against the master's directory. */
	configs_are(r, (const char *[]){ "site/a.cfg", "common.cfg",
	    "site/b.cfg" }, 3);
	no_findings(r);

	r = ts_resolve(fx, NULL, "../elsewhere.cfg");
	assert_null(r->master);
	assert_null(r->mastercf);
	f = ts_one(&r->findings, "refused");
	assert_int_equal(f->sev, SEV_ERROR);
	assert_string_equal(f->file, "../elsewhere.cfg");

	r = ts_resolve(fx, NULL, "nope.cfg");
	f = ts_one(&r->findings, "no-master");
	assert_string_equal(f->file, "nope.cfg");
	assert_int_equal(r->mastercf->status, CFG_MISSING);
}

static void
test_no_master(void **state)
{
	struct ts_fixture		*fx = *state;
	struct resolution	*r;
	const struct finding	*f;

	ts_write(fx->root, "site.cfg", "<c/>");
	r = ts_resolve(fx, NULL, NULL);
	assert_null(r->master);
	assert_null(r->mastercf);
	f = ts_one(&r->findings, "no-master");
	assert_int_equal(f->sev, SEV_ERROR);
	assert_null(f->file);
	assert_int_equal(r->findings.n, 1);
	/* The override slots are still there, both missing. */
	assert_int_equal(r->nfiles, 2);
	file_is(r, 0, MAC "-phone.cfg", ROLE_PHONE_OVERRIDE, CFG_MISSING);
	file_is(r, 1, MAC "-web.cfg", ROLE_WEB_OVERRIDE, CFG_MISSING);
}

static void
test_master_malformed(void **state)
{
	struct ts_fixture		*fx = *state;
	struct resolution	*r;
	const struct finding	*f;

	ts_write(fx->root, MAC ".cfg", "<?xml version=\"1.0\"?>\n"
	    "<APPLICATION CONFIG_FILES=\"a.cfg\">\n");
	r = ts_resolve(fx, NULL, NULL);
	assert_string_equal(r->master, MAC ".cfg");
	f = ts_one(&r->findings, "malformed");
	assert_string_equal(f->file, MAC ".cfg");
	assert_true(f->line >= 2);
	assert_int_equal(r->nfiles, 2);
}

static void
test_model_list(void **state)
{
	struct ts_fixture		*fx = *state;
	struct resolution	*r;

	master(fx, MAC ".cfg", "generic.cfg",
	    "CONFIG_FILES_VVX411=\"vvx411.cfg, generic.cfg\"");
	ts_write(fx->root, "generic.cfg", "<c/>");
	ts_write(fx->root, "vvx411.cfg", "<c/>");
	r = ts_resolve(fx, "VVX411", NULL);
	assert_string_equal(r->model, "VVX411");
	configs_are(r, (const char *[]){ "vvx411.cfg", "generic.cfg" }, 2);
	no_findings(r);

	r = ts_resolve(fx, "VVX410", NULL);
	configs_are(r, (const char *[]){ "generic.cfg" }, 1);
	no_findings(r);

	r = ts_resolve(fx, NULL, NULL);
	configs_are(r, (const char *[]){ "generic.cfg" }, 1);

	/* Model tokens compare case-sensitively. */
	r = ts_resolve(fx, "vvx411", NULL);
	configs_are(r, (const char *[]){ "generic.cfg" }, 1);
}

/* Attribute names matter, element names do not. */
static void
test_model_list_any_element(void **state)
{
	struct ts_fixture		*fx = *state;
	struct resolution	*r;

	ts_write(fx->root, MAC ".cfg", "<?xml version=\"1.0\"?>\n"
	    "<whatever>\n<a CONFIG_FILES=\"generic.cfg\"/>\n"
	    "<b><c CONFIG_FILES_VVX411=\"vvx411.cfg\"/></b>\n</whatever>\n");
	ts_write(fx->root, "generic.cfg", "<c/>");
	ts_write(fx->root, "vvx411.cfg", "<c/>");
	r = ts_resolve(fx, "VVX411", NULL);
	configs_are(r, (const char *[]){ "vvx411.cfg" }, 1);
}

static void
test_model_list_empty(void **state)
{
	struct ts_fixture		*fx = *state;
	struct resolution	*r;
	const struct finding	*f;

	master(fx, MAC ".cfg", "generic.cfg", "CONFIG_FILES_VVX411=\"\"");
	ts_write(fx->root, "generic.cfg", "<c/>");
	r = ts_resolve(fx, "VVX411", NULL);
	configs_are(r, (const char *[]){ "generic.cfg" }, 1);
	f = ts_one(&r->findings, "ambiguous-model-list");
	assert_int_equal(f->sev, SEV_NOTE);
	assert_string_equal(f->file, MAC ".cfg");
	assert_int_equal(f->line, 4);
	assert_non_null(strstr(f->message, "CONFIG_FILES_VVX411"));
	assert_int_equal(r->findings.n, 1);

	/* White space only counts as empty. */
	master(fx, MAC ".cfg", "generic.cfg", "CONFIG_FILES_VVX411=\" \t \"");
	r = ts_resolve(fx, "VVX411", NULL);
	configs_are(r, (const char *[]){ "generic.cfg" }, 1);
	ts_one(&r->findings, "ambiguous-model-list");

	/* Another model's empty list is not this phone's business. */
	r = ts_resolve(fx, "VVX410", NULL);
	assert_int_equal(ts_count(&r->findings, "ambiguous-model-list"), 0);
}

static void
test_list_trimming(void **state)
{
	struct ts_fixture		*fx = *state;
	struct resolution	*r;

	master(fx, MAC ".cfg", " a.cfg , ,b.cfg,,\tc.cfg ,  ", NULL);
	ts_write(fx->root, "a.cfg", "<c/>");
	ts_write(fx->root, "b.cfg", "<c/>");
	ts_write(fx->root, "c.cfg", "<c/>");
	r = ts_resolve(fx, NULL, NULL);
	configs_are(r, (const char *[]){ "a.cfg", "b.cfg", "c.cfg" }, 3);
	no_findings(r);
}

static void
test_list_missing_or_empty(void **state)
{
	struct ts_fixture		*fx = *state;
	struct resolution	*r;
	const struct finding	*f;

	ts_write(fx->root, MAC ".cfg", "<APPLICATION APP_FILE_PATH=\"x\"/>");
	r = ts_resolve(fx, NULL, NULL);
	assert_int_equal(r->nfiles, 2);
	f = ts_one(&r->findings, "no-config-files");
	assert_int_equal(f->sev, SEV_WARNING);

	master(fx, MAC ".cfg", " ", NULL);
	r = ts_resolve(fx, NULL, NULL);
	assert_int_equal(r->nfiles, 2);
	f = ts_one(&r->findings, "empty-config-list");
	assert_int_equal(f->line, 3);
}

static void
test_substitution(void **state)
{
	struct ts_fixture		*fx = *state;
	struct resolution	*r;

	master(fx, MAC ".cfg", "[PHONE_MAC_ADDRESS]-x.cfg, "
	    "models/[PHONE_MODEL].cfg, [PHONE_MODEL]-[PHONE_MAC_ADDRESS].cfg",
	    NULL);
	ts_write(fx->root, MAC "-x.cfg", "<c/>");
	ts_write(fx->root, "models/VVX411.cfg", "<c/>");
	ts_write(fx->root, "VVX411-" MAC ".cfg", "<c/>");
	r = ts_resolve(fx, "VVX411", NULL);
	configs_are(r, (const char *[]){ MAC "-x.cfg", "models/VVX411.cfg",
	    "VVX411-" MAC ".cfg" }, 3);
	no_findings(r);
}

/* A model naming the token is put in once, not substituted for ever. */
static void
test_substitution_once(void **state)
{
	struct ts_fixture		*fx = *state;
	struct resolution	*r;

	master(fx, MAC ".cfg", "m-[PHONE_MODEL].cfg", NULL);
	ts_write(fx->root, "m-x[PHONE_MODEL]y.cfg", "<c/>");
	r = ts_resolve(fx, "x[PHONE_MODEL]y", NULL);
	configs_are(r, (const char *[]){ "m-x[PHONE_MODEL]y.cfg" }, 1);
}

static void
test_needs_model(void **state)
{
	struct ts_fixture		*fx = *state;
	struct resolution	*r;
	const struct finding	*f;

	master(fx, MAC ".cfg", "[PHONE_MAC_ADDRESS]-x.cfg, [PHONE_MODEL].cfg",
	    NULL);
	ts_write(fx->root, MAC "-x.cfg", "<c/>");
	r = ts_resolve(fx, NULL, NULL);
	assert_int_equal(r->nfiles, 4);
	file_is(r, 2, MAC "-x.cfg", ROLE_CONFIG, CFG_OK);
	/* Reported as listed, never looked up. */
	file_is(r, 3, "[PHONE_MODEL].cfg", ROLE_CONFIG, CFG_MISSING);
	assert_non_null(strstr(r->files[3].error, "--model"));
	f = ts_one(&r->findings, "needs-model");
	assert_int_equal(f->sev, SEV_WARNING);
	assert_string_equal(f->file, MAC ".cfg");
	assert_int_equal(f->line, 3);
	assert_int_equal(r->findings.n, 1);
}

static void
test_overrides_root(void **state)
{
	struct ts_fixture		*fx = *state;
	struct resolution	*r;

	master(fx, MAC ".cfg", "a.cfg", NULL);
	ts_write(fx->root, "a.cfg", "<c/>");
	ts_write(fx->root, "0004F2ABCDEF-Phone.cfg", "<c/>");
	ts_write(fx->root, MAC "-web.cfg", "<c/>");
	r = ts_resolve(fx, NULL, NULL);
	assert_int_equal(r->nfiles, 3);
	/* Precedence order: phone UI, web, then the list. */
	file_is(r, 0, "0004F2ABCDEF-Phone.cfg", ROLE_PHONE_OVERRIDE, CFG_OK);
	file_is(r, 1, MAC "-web.cfg", ROLE_WEB_OVERRIDE, CFG_OK);
	file_is(r, 2, "a.cfg", ROLE_CONFIG, CFG_OK);
	no_findings(r);
}

/* Without OVERRIDES_DIRECTORY the root, not the master's directory. */
static void
test_overrides_master_elsewhere(void **state)
{
	struct ts_fixture		*fx = *state;
	struct resolution	*r;

	master(fx, "site/m.cfg", "a.cfg", NULL);
	ts_write(fx->root, "site/a.cfg", "<c/>");
	ts_write(fx->root, "site/" MAC "-phone.cfg", "<c/>");
	ts_write(fx->root, MAC "-web.cfg", "<c/>");
	r = ts_resolve(fx, NULL, "site/m.cfg");
	file_is(r, 0, MAC "-phone.cfg", ROLE_PHONE_OVERRIDE, CFG_MISSING);
	file_is(r, 1, MAC "-web.cfg", ROLE_WEB_OVERRIDE, CFG_OK);
	file_is(r, 2, "site/a.cfg", ROLE_CONFIG, CFG_OK);
	no_findings(r);
}

static void
test_overrides_cx5100(void **state)
{
	struct ts_fixture		*fx = *state;
	struct resolution	*r;

	master(fx, MAC ".cfg", "a.cfg", NULL);
	ts_write(fx->root, "a.cfg", "<c/>");
	ts_write(fx->root, MAC "-system.cfg", "<c/>");
	ts_write(fx->root, MAC "-Web.cfg", "<c/>");
	r = ts_resolve(fx, NULL, NULL);
	file_is(r, 0, MAC "-system.cfg", ROLE_PHONE_OVERRIDE, CFG_OK);
	file_is(r, 1, MAC "-Web.cfg", ROLE_WEB_OVERRIDE, CFG_OK);
	no_findings(r);

	/* The standard name wins over the CX5100 one. */
	ts_write(fx->root, MAC "-phone.cfg", "<c/>");
	r = ts_resolve(fx, NULL, NULL);
	file_is(r, 0, MAC "-phone.cfg", ROLE_PHONE_OVERRIDE, CFG_OK);
}

static void
test_overrides_missing(void **state)
{
	struct ts_fixture		*fx = *state;
	struct resolution	*r;

	master(fx, MAC ".cfg", "a.cfg", "OVERRIDES_DIRECTORY=\"ov\"");
	ts_write(fx->root, "a.cfg", "<c/>");
	r = ts_resolve(fx, NULL, NULL);
	file_is(r, 0, "ov/" MAC "-phone.cfg", ROLE_PHONE_OVERRIDE,
	    CFG_MISSING);
	file_is(r, 1, "ov/" MAC "-web.cfg", ROLE_WEB_OVERRIDE, CFG_MISSING);
	/* An absent override is normal, not a finding. */
	no_findings(r);
}

static void
test_overrides_dir(void **state)
{
	struct ts_fixture		*fx = *state;
	struct resolution	*r;

	master(fx, MAC ".cfg", "a.cfg", "OVERRIDES_DIRECTORY=\"ov\"");
	ts_write(fx->root, "a.cfg", "<c/>");
	ts_write(fx->root, MAC "-phone.cfg", "<c/>");
	ts_write(fx->root, "ov/" MAC "-PHONE.cfg", "<c/>");
	ts_write(fx->root, "ov/" MAC "-web.cfg", "<c/>");
	r = ts_resolve(fx, NULL, NULL);
	file_is(r, 0, "ov/" MAC "-PHONE.cfg", ROLE_PHONE_OVERRIDE, CFG_OK);
	file_is(r, 1, "ov/" MAC "-web.cfg", ROLE_WEB_OVERRIDE, CFG_OK);
	no_findings(r);

	/* Relative to the share root, even with the master elsewhere. */
	master(fx, "site/m.cfg", "../a.cfg", "OVERRIDES_DIRECTORY=\"ov\"");
	r = ts_resolve(fx, NULL, "site/m.cfg");
	file_is(r, 0, "ov/" MAC "-PHONE.cfg", ROLE_PHONE_OVERRIDE, CFG_OK);
	file_is(r, 2, "a.cfg", ROLE_CONFIG, CFG_OK);

	/* "/overrides" is the server's root, taken to be the share's. */
	master(fx, MAC ".cfg", "a.cfg", "OVERRIDES_DIRECTORY=\"/ov\"");
	r = ts_resolve(fx, NULL, NULL);
	file_is(r, 0, "ov/" MAC "-PHONE.cfg", ROLE_PHONE_OVERRIDE, CFG_OK);
	ts_one(&r->findings, "overrides-absolute");
	assert_int_equal(r->findings.n, 1);
}

/* Issue 18.2: the leading slash is read against the share, with a note. */
static void
test_overrides_absolute(void **state)
{
	struct ts_fixture		*fx = *state;
	struct resolution	*r;
	const struct finding	*f;

	master(fx, MAC ".cfg", "a.cfg", "OVERRIDES_DIRECTORY=\"/ov/\"");
	ts_write(fx->root, "a.cfg", "<c/>");
	ts_write(fx->root, "ov/" MAC "-web.cfg", "<c/>");
	r = ts_resolve(fx, NULL, NULL);
	file_is(r, 1, "ov/" MAC "-web.cfg", ROLE_WEB_OVERRIDE, CFG_OK);
	f = ts_one(&r->findings, "overrides-absolute");
	assert_int_equal(f->sev, SEV_NOTE);
	assert_string_equal(f->file, MAC ".cfg");
	assert_int_equal(f->line, 4);
	assert_non_null(strstr(f->message, "server's root"));
	assert_int_equal(r->findings.n, 1);

	master(fx, MAC ".cfg", "a.cfg", "OVERRIDES_DIRECTORY=\"ov\"");
	r = ts_resolve(fx, NULL, NULL);
	no_findings(r);
}

static void
test_overrides_url(void **state)
{
	struct ts_fixture		*fx = *state;
	struct resolution	*r;
	const struct finding	*f;

	master(fx, MAC ".cfg", "a.cfg",
	    "OVERRIDES_DIRECTORY=\"ftp://srv/ov\"");
	ts_write(fx->root, "a.cfg", "<c/>");
	ts_write(fx->root, MAC "-phone.cfg", "<c/>");
	r = ts_resolve(fx, NULL, NULL);
	f = ts_one(&r->findings, "overrides-url");
	assert_int_equal(f->sev, SEV_WARNING);
	assert_string_equal(f->file, MAC ".cfg");
	assert_int_equal(f->line, 4);
	/* The root is searched instead. */
	file_is(r, 0, MAC "-phone.cfg", ROLE_PHONE_OVERRIDE, CFG_OK);
	assert_int_equal(r->findings.n, 1);
}

static void
test_overrides_escape(void **state)
{
	struct ts_fixture		*fx = *state;
	struct resolution	*r;
	const struct finding	*f;

	master(fx, MAC ".cfg", "a.cfg", "OVERRIDES_DIRECTORY=\"../up\"");
	ts_write(fx->root, "a.cfg", "<c/>");
	r = ts_resolve(fx, NULL, NULL);
	f = ts_one(&r->findings, "refused");
	assert_int_equal(f->sev, SEV_ERROR);
	assert_int_equal(f->line, 4);
	file_is(r, 0, MAC "-phone.cfg", ROLE_PHONE_OVERRIDE, CFG_MISSING);
}

static void
test_url_entry(void **state)
{
	struct ts_fixture		*fx = *state;
	struct resolution	*r;
	const struct finding	*f;

	master(fx, MAC ".cfg", "a.cfg, https://srv/x.cfg, b.cfg", NULL);
	ts_write(fx->root, "a.cfg", "<c/>");
	ts_write(fx->root, "b.cfg", "<c/>");
	r = ts_resolve(fx, NULL, NULL);
	assert_int_equal(r->nfiles, 5);
	file_is(r, 2, "a.cfg", ROLE_CONFIG, CFG_OK);
	file_is(r, 3, "https://srv/x.cfg", ROLE_CONFIG, CFG_REFUSED);
	assert_non_null(strstr(r->files[3].error, "URL entry"));
	file_is(r, 4, "b.cfg", ROLE_CONFIG, CFG_OK);
	f = ts_one(&r->findings, "url-entry");
	assert_string_equal(f->file, MAC ".cfg");
	assert_int_equal(f->line, 3);
	assert_int_equal(r->findings.n, 1);
}

static void
test_escaping_entry(void **state)
{
	struct ts_fixture		*fx = *state;
	struct resolution	*r;
	const struct finding	*f;

	master(fx, MAC ".cfg", "../x.cfg, /etc/passwd, sub/../ok.cfg", NULL);
	ts_write(fx->root, "ok.cfg", "<c/>");
	r = ts_resolve(fx, NULL, NULL);
	assert_int_equal(r->nfiles, 5);
	file_is(r, 2, "../x.cfg", ROLE_CONFIG, CFG_REFUSED);
	file_is(r, 3, "/etc/passwd", ROLE_CONFIG, CFG_REFUSED);
	file_is(r, 4, "ok.cfg", ROLE_CONFIG, CFG_OK);
	assert_int_equal(ts_count(&r->findings, "refused"), 2);
	f = &r->findings.v[0];
	assert_string_equal(findings_name(f->code), "refused");
	assert_int_equal(f->sev, SEV_ERROR);
	assert_string_equal(f->file, MAC ".cfg");
	assert_int_equal(f->line, 3);
	assert_non_null(strstr(f->message, "../x.cfg"));
	assert_int_equal(r->findings.n, 2);
}

static void
test_duplicate_entry(void **state)
{
	struct ts_fixture		*fx = *state;
	struct resolution	*r;
	const struct finding	*f;

	master(fx, MAC ".cfg", "a.cfg, b.cfg, ./a.cfg", NULL);
	ts_write(fx->root, "a.cfg", "<c/>");
	ts_write(fx->root, "b.cfg", "<c/>");
	r = ts_resolve(fx, NULL, NULL);
	configs_are(r, (const char *[]){ "a.cfg", "b.cfg" }, 2);
	f = ts_one(&r->findings, "duplicate-entry");
	assert_int_equal(f->sev, SEV_NOTE);
	assert_string_equal(f->file, MAC ".cfg");
	assert_int_equal(f->line, 3);
	assert_int_equal(r->findings.n, 1);
}

static void
test_missing_file(void **state)
{
	struct ts_fixture		*fx = *state;
	struct resolution	*r;
	const struct finding	*f;

	master(fx, MAC ".cfg", "a.cfg, gone.cfg", NULL);
	ts_write(fx->root, "a.cfg", "<c/>");
	r = ts_resolve(fx, NULL, NULL);
	assert_int_equal(r->nfiles, 4);
	file_is(r, 3, "gone.cfg", ROLE_CONFIG, CFG_MISSING);
	f = ts_one(&r->findings, "missing-file");
	assert_int_equal(f->sev, SEV_ERROR);
	/* Against the master's line that lists it. */
	assert_string_equal(f->file, MAC ".cfg");
	assert_int_equal(f->line, 3);
	assert_non_null(strstr(f->message, "gone.cfg"));
	assert_int_equal(r->findings.n, 1);
}

/* Clarification of rule 3: reported with the path as the master lists it. */
static void
test_missing_as_listed(void **state)
{
	struct ts_fixture		*fx = *state;
	struct resolution	*r;
	const struct finding	*f;
	char			*outside, *secret, *link;

	master(fx, "site/m.cfg", "a.cfg, gone.cfg, sub/../gone2.cfg, evil.cfg",
	    NULL);
	ts_write(fx->root, "site/a.cfg", "<c/>");
	outside = ts_mkdir();
	ts_write(outside, "secret.cfg", "<c/>");
	secret = ts_path(outside, "secret.cfg");
	link = ts_path(fx->root, "site/evil.cfg");
	assert_int_equal(symlink(secret, link), 0);
	r = ts_resolve(fx, NULL, "site/m.cfg");
	ts_rmtree(outside);
	free(secret);
	free(link);
	assert_int_equal(r->nfiles, 6);
	file_is(r, 2, "site/a.cfg", ROLE_CONFIG, CFG_OK);
	file_is(r, 3, "gone.cfg", ROLE_CONFIG, CFG_MISSING);
	file_is(r, 4, "sub/../gone2.cfg", ROLE_CONFIG, CFG_MISSING);
	file_is(r, 5, "evil.cfg", ROLE_CONFIG, CFG_REFUSED);
	assert_int_equal(ts_count(&r->findings, "missing-file"), 2);
	f = &r->findings.v[0];
	assert_string_equal(findings_name(f->code), "missing-file");
	assert_string_equal(f->file, "site/m.cfg");
	assert_int_equal(f->line, 3);
	assert_non_null(strstr(f->message, " gone.cfg "));
	f = ts_one(&r->findings, "refused");
	assert_string_equal(f->file, "evil.cfg");
	assert_int_equal(r->findings.n, 3);
}

/* Issue 18.1: a missing entry with a token is listed substituted. */
static void
test_missing_substituted(void **state)
{
	struct ts_fixture		*fx = *state;
	struct resolution	*r;
	const struct finding	*f;

	master(fx, "site/m.cfg", "pp-[PHONE_MAC_ADDRESS].cfg, "
	    "[PHONE_MODEL]-[PHONE_MAC_ADDRESS].cfg", NULL);
	r = ts_resolve(fx, NULL, "site/m.cfg");
	assert_int_equal(r->nfiles, 4);
	file_is(r, 2, "pp-" MAC ".cfg", ROLE_CONFIG, CFG_MISSING);
	file_is(r, 3, "[PHONE_MODEL]-" MAC ".cfg", ROLE_CONFIG, CFG_MISSING);
	f = ts_one(&r->findings, "missing-file");
	assert_non_null(strstr(f->message, "file pp-" MAC ".cfg (site/pp-"
	    MAC ".cfg) is not"));
	assert_non_null(strstr(f->message, "writes it as "
	    "pp-[PHONE_MAC_ADDRESS].cfg"));

	/* Found, it was always listed substituted. */
	ts_write(fx->root, "site/pp-" MAC ".cfg", "<c/>");
	r = ts_resolve(fx, "VVX411", "site/m.cfg");
	file_is(r, 2, "site/pp-" MAC ".cfg", ROLE_CONFIG, CFG_OK);
	file_is(r, 3, "VVX411-" MAC ".cfg", ROLE_CONFIG, CFG_MISSING);
}

/* Issue 18.3: parameters on the master, and a master listing itself. */
static void
test_master_params(void **state)
{
	struct ts_fixture		*fx = *state;
	struct resolution	*r;
	const struct finding	*f;
	char			*path;

	master(fx, MAC ".cfg", "a.cfg", "APP_FILE_PATH=\"sip.ld\" "
	    "reg.1.auth.usePinCredentials=\"1\" x.y=\"2\"");
	ts_write(fx->root, "a.cfg", "<c/>");
	ts_write(fx->root, "sip.ld", "image");
	r = ts_resolve(fx, NULL, NULL);
	f = ts_one(&r->findings, "master-params");
	assert_int_equal(f->sev, SEV_WARNING);
	assert_string_equal(f->file, MAC ".cfg");
	assert_int_equal(f->line, 4);
	assert_non_null(strstr(f->message, "2 parameters "
	    "(reg.1.auth.usePinCredentials first)"));
	assert_int_equal(r->findings.n, 1);

	master(fx, MAC ".cfg", "a.cfg", "APP_FILE_PATH=\"sip.ld\"");
	r = ts_resolve(fx, NULL, NULL);
	no_findings(r);

	/* Listed, the master is read as a configuration file. */
	master(fx, MAC ".cfg", "a.cfg, " MAC ".cfg", "x.y=\"2\"");
	r = ts_resolve(fx, NULL, NULL);
	configs_are(r, (const char *[]){ "a.cfg", MAC ".cfg" }, 2);
	f = ts_one(&r->findings, "master-self");
	assert_int_equal(f->sev, SEV_WARNING);
	assert_int_equal(f->line, 3);
	assert_int_equal(r->findings.n, 1);

	/* The zeros master, from a subdirectory name that leads back. */
	master(fx, "000000000000.cfg", "sub/../000000000000.cfg", NULL);
	path = ts_path(fx->root, MAC ".cfg");
	assert_int_equal(unlink(path), 0);
	free(path);
	r = ts_resolve(fx, NULL, NULL);
	ts_one(&r->findings, "master-self");
}

static void
test_malformed_file(void **state)
{
	struct ts_fixture		*fx = *state;
	struct resolution	*r;
	const struct finding	*f;

	master(fx, MAC ".cfg", "a.cfg, bad.cfg", NULL);
	ts_write(fx->root, "a.cfg", "<c/>");
	ts_write(fx->root, "bad.cfg", "<?xml version=\"1.0\"?>\n<c>\n"
	    "<p a=\"1\"\n b=\"2\" a=\"3\"/>\n</c>\n");
	r = ts_resolve(fx, NULL, NULL);
	file_is(r, 3, "bad.cfg", ROLE_CONFIG, CFG_MALFORMED);
	assert_int_equal(r->files[3].errline, 4);
	assert_non_null(r->files[3].error);
	f = ts_one(&r->findings, "malformed");
	assert_int_equal(f->sev, SEV_ERROR);
	assert_string_equal(f->file, "bad.cfg");
	assert_int_equal(f->line, 4);
	assert_int_equal(r->findings.n, 1);
}

static void
test_role_name(void **state)
{
	(void)state;
	assert_string_equal(role_name(ROLE_PHONE_OVERRIDE), "phone-override");
	assert_string_equal(role_name(ROLE_WEB_OVERRIDE), "web-override");
	assert_string_equal(role_name(ROLE_CONFIG), "config");
}

static const char *
find_none(void *arg, const char *dir, const char *name)
{
	(void)arg;
	(void)dir;
	(void)name;
	return NULL;
}

/*
 * resolve_ahead() on a master listing 100,000 of the phone's own files,
 * each twice: each once, in order, and not in time quadratic in them
 * (ts_cpu_bound; a pass over the paths kept per entry took minutes).
 */
static void
test_ahead_many(void **state)
{
	struct cfgfile	*cf;
	char		*buf, *p, **paths, want[64];
	size_t		 i, n, k = 100000;

	(void)state;
	p = buf = malloc(k * 64 + 64);
	assert_non_null(buf);
	p += sprintf(p, "<APPLICATION CONFIG_FILES=\"");
	for (i = 0; i < 2 * k; i++)
		p += sprintf(p, "%s[PHONE_MAC_ADDRESS]-%06zu.cfg", i ? ", " : "",
		    i % k);
	p += sprintf(p, "\"/>");
	cf = cfgfile_parse(MAC ".cfg", buf, (size_t)(p - buf));
	free(buf);
	assert_int_equal(cf->status, CFG_OK);
	ts_cpu_bound(20);
	n = resolve_ahead(cf, MAC ".cfg", MAC, NULL, RESOLVE_OWN, find_none,
	    NULL, &paths);
	assert_int_equal(n, k);
	for (i = 0; i < n; i++) {
		snprintf(want, sizeof(want), MAC "-%06zu.cfg", i);
		assert_string_equal(paths[i], want);
		free(paths[i]);
	}
	free(paths);
	cfgfile_free(cf);
}

#define T(f)	cmocka_unit_test_setup_teardown(f, ts_setup, ts_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_master_mac),
		T(test_master_case),
		T(test_master_exact_beats_case),
		T(test_master_zeros),
		T(test_master_given),
		T(test_no_master),
		T(test_master_malformed),
		T(test_model_list),
		T(test_model_list_any_element),
		T(test_model_list_empty),
		T(test_list_trimming),
		T(test_list_missing_or_empty),
		T(test_substitution),
		T(test_substitution_once),
		T(test_needs_model),
		T(test_overrides_root),
		T(test_overrides_master_elsewhere),
		T(test_overrides_cx5100),
		T(test_overrides_missing),
		T(test_overrides_dir),
		T(test_overrides_absolute),
		T(test_overrides_url),
		T(test_overrides_escape),
		T(test_url_entry),
		T(test_escaping_entry),
		T(test_duplicate_entry),
		T(test_missing_file),
		T(test_missing_as_listed),
		T(test_missing_substituted),
		T(test_master_params),
		T(test_malformed_file),
		cmocka_unit_test(test_role_name),
		cmocka_unit_test(test_ahead_many),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
