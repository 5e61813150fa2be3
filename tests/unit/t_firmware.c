/*
 * firmware_select(): which image the master names for a phone, whether
 * it is on the share, and the release the share says it is
 * (shared/reference/diagnosis.md section 1).
 */
#include "testshare.h"

#include "firmware.h"
#include "resolve.h"
#include "share.h"

/* A master with these attributes, APP_FILE_PATH* from line 3 on. */
static const struct firmware *
resolve(struct ts_fixture *fx, const char *model, const char *attrs)
{
	char	*text;

	if (asprintf(&text, "<?xml version=\"1.0\"?>\n<APPLICATION\n%s\n"
	    "  CONFIG_FILES=\"\"/>\n", attrs) == -1)
		fail_msg("asprintf");
	ts_write(fx->root, "000000000000.cfg", text);
	free(text);
	return &ts_resolve(fx, model, NULL)->firmware;
}

static void
test_table(void **state)
{
	size_t	len = 0;

	(void)state;
	assert_string_equal(firmware_part("VVX400"), "3111-46157-002");
	assert_string_equal(firmware_part("VVX401"), "3111-48400-001");
	assert_string_equal(firmware_part("Trio8800"), "3111-65290-001");
	assert_null(firmware_part("vvx400"));
	assert_null(firmware_part("VVX999"));
	assert_null(firmware_part(NULL));
	assert_string_equal(firmware_part_model("3111-48400-001"), "VVX401");
	assert_null(firmware_part_model("3111-00000-001"));
	assert_non_null(firmware_split_part("fw/3111-48400-001.sip.ld", &len));
	assert_int_equal(len, 14);
	assert_non_null(firmware_split_part("3111-48400-001.SIP.LD", &len));
	assert_null(firmware_split_part("sip.ld", &len));
	assert_null(firmware_split_part("3111-48400-001.sip.ld.bak", &len));
	assert_null(firmware_split_part("3111-4840-0001.sip.ld", &len));
	assert_null(firmware_split_part("", &len));
}

static void
test_generic_present(void **state)
{
	struct ts_fixture		*fx = *state;
	const struct firmware	*fw;

	ts_write(fx->root, "sip.ld", "image");
	fw = resolve(fx, NULL, "  APP_FILE_PATH=\"sip.ld\"");
	assert_int_equal(fw->status, FW_OK);
	assert_string_equal(fw->path, "sip.ld");
	assert_string_equal(fw->attr, "APP_FILE_PATH");
	assert_int_equal(fw->line, 3);
	assert_null(fw->version);
	assert_int_equal(ts_count(&fx->r.findings, "firmware-missing"), 0);
	assert_int_equal(ts_count(&fx->r.findings, "firmware-unknown"), 0);
	ts_write(fx->root, "sip.ver", "5.9.8.5760\r\n");
	fw = resolve(fx, NULL, "  APP_FILE_PATH=\"sip.ld\"");
	assert_string_equal(fw->version, "5.9.8.5760");
	assert_string_equal(fw->version_from, "sip.ver");
}

static void
test_missing(void **state)
{
	struct ts_fixture		*fx = *state;
	const struct firmware	*fw;
	const struct finding	*f;

	fw = resolve(fx, NULL, "  APP_FILE_PATH=\"sip.ld\"");
	assert_int_equal(fw->status, FW_MISSING);
	f = ts_one(&fx->r.findings, "firmware-missing");
	assert_int_equal(f->sev, SEV_WARNING);
	assert_string_equal(f->file, "000000000000.cfg");
	assert_int_equal(f->line, 3);
	/* In another case only: still missing for a case-sensitive server. */
	ts_write(fx->root, "SIP.LD", "image");
	fw = resolve(fx, NULL, "  APP_FILE_PATH=\"sip.ld\"");
	assert_int_equal(fw->status, FW_MISSING);
	assert_non_null(strstr(ts_one(&fx->r.findings,
	    "firmware-missing")->message, "another case"));
	/* A directory that does not exist. */
	fw = resolve(fx, NULL, "  APP_FILE_PATH=\"fw/5.9.8/sip.ld\"");
	assert_int_equal(fw->status, FW_MISSING);
	assert_string_equal(fw->path, "fw/5.9.8/sip.ld");
}

static void
test_per_model(void **state)
{
	struct ts_fixture		*fx = *state;
	const struct firmware	*fw;
	static const char	 attrs[] = "  APP_FILE_PATH=\"sip.ld\"\n"
	    "  APP_FILE_PATH_VVX400=\"3111-46157-002.sip.ld\"";

	ts_write(fx->root, "sip.ld", "image");
	ts_write(fx->root, "3111-46157-002.sip.ld", "image");
	fw = resolve(fx, "VVX400", attrs);
	assert_int_equal(fw->status, FW_OK);
	assert_string_equal(fw->attr, "APP_FILE_PATH_VVX400");
	assert_int_equal(fw->line, 4);
	assert_string_equal(fw->path, "3111-46157-002.sip.ld");
	assert_int_equal(ts_count(&fx->r.findings, "firmware-unknown"), 0);
	/* Another model takes the generic attribute. */
	fw = resolve(fx, "VVX410", attrs);
	assert_string_equal(fw->attr, "APP_FILE_PATH");
	assert_int_equal(fw->status, FW_OK);
	/* Without a model: the generic one, and a note that it depends. */
	fw = resolve(fx, NULL, attrs);
	assert_string_equal(fw->attr, "APP_FILE_PATH");
	assert_int_equal(ts_one(&fx->r.findings, "firmware-unknown")->line, 4);
}

static void
test_part_macro(void **state)
{
	struct ts_fixture		*fx = *state;
	const struct firmware	*fw;
	static const char	 attrs[] =
	    "  APP_FILE_PATH=\"firmware/[PHONE_PART_NUMBER].sip.ld\"";

	ts_write(fx->root, "firmware/3111-48400-001.sip.ld", "image");
	fw = resolve(fx, "VVX401", attrs);
	assert_int_equal(fw->status, FW_OK);
	assert_string_equal(fw->path, "firmware/3111-48400-001.sip.ld");
	fw = resolve(fx, "VVX400", attrs);
	assert_int_equal(fw->status, FW_MISSING);
	assert_string_equal(fw->path, "firmware/3111-46157-002.sip.ld");
	assert_int_equal(ts_count(&fx->r.findings, "firmware-model"), 0);
	fw = resolve(fx, NULL, attrs);
	assert_int_equal(fw->status, FW_NEEDS_MODEL);
	assert_int_equal(ts_count(&fx->r.findings, "firmware-missing"), 0);
	assert_non_null(strstr(ts_one(&fx->r.findings,
	    "firmware-unknown")->message, "--model"));
	fw = resolve(fx, "SSDuo", attrs);
	assert_int_equal(fw->status, FW_NEEDS_MODEL);
	assert_non_null(strstr(ts_one(&fx->r.findings,
	    "firmware-unknown")->message, "table"));
	fw = resolve(fx, "VVX401",
	    "  APP_FILE_PATH=\"[PHONE_MODEL]/sip.ld\"");
	assert_int_equal(fw->status, FW_MISSING);
	assert_string_equal(fw->path, "VVX401/sip.ld");
}

/* The KCLC case: a VVX 400 fed the VVX 401 split image [D4]. */
static void
test_wrong_model(void **state)
{
	struct ts_fixture		*fx = *state;
	const struct firmware	*fw;
	const struct finding	*f;
	static const char	 attrs[] =
	    "  APP_FILE_PATH=\"3111-48400-001.sip.ld\"";

	ts_write(fx->root, "3111-48400-001.sip.ld", "image");
	fw = resolve(fx, "VVX400", attrs);
	assert_int_equal(fw->status, FW_WRONG_MODEL);
	f = ts_one(&fx->r.findings, "firmware-model");
	assert_int_equal(f->sev, SEV_WARNING);
	assert_non_null(strstr(f->message, "VVX401"));
	assert_non_null(strstr(f->message, "3111-46157-002"));
	/* The right model, no model, or a model not in the table: silent. */
	fw = resolve(fx, "VVX401", attrs);
	assert_int_equal(fw->status, FW_OK);
	assert_int_equal(ts_count(&fx->r.findings, "firmware-model"), 0);
	fw = resolve(fx, NULL, attrs);
	assert_int_equal(fw->status, FW_OK);
	assert_int_equal(ts_count(&fx->r.findings, "firmware-model"), 0);
	fw = resolve(fx, "SSDuo", attrs);
	assert_int_equal(ts_count(&fx->r.findings, "firmware-model"), 0);
	/* A sip.ld cannot be told apart: never firmware-model. */
	ts_write(fx->root, "sip.ld", "image");
	fw = resolve(fx, "VVX400", "  APP_FILE_PATH=\"sip.ld\"");
	assert_int_equal(ts_count(&fx->r.findings, "firmware-model"), 0);
}

static void
test_none_url_refused(void **state)
{
	struct ts_fixture		*fx = *state;
	const struct firmware	*fw;

	fw = resolve(fx, NULL, "  MISC_FILES=\"\"");
	assert_int_equal(fw->status, FW_NONE);
	assert_int_equal(ts_count(&fx->r.findings, "firmware-missing") +
	    ts_count(&fx->r.findings, "firmware-unknown"), 0);
	fw = resolve(fx, NULL, "  APP_FILE_PATH=\" \"");
	assert_int_equal(fw->status, FW_NONE);
	fw = resolve(fx, NULL,
	    "  APP_FILE_PATH=\"ftp://u:hunter2@10.0.0.1/sip.ld\"");
	assert_int_equal(fw->status, FW_URL);
	assert_null(strstr(fw->path, "hunter2"));
	assert_int_equal(ts_count(&fx->r.findings, "firmware-missing"), 0);
	fw = resolve(fx, NULL, "  APP_FILE_PATH=\"../sip.ld\"");
	assert_int_equal(fw->status, FW_REFUSED);
	assert_int_equal(ts_count(&fx->r.findings, "refused"), 1);
	ts_write(fx->root, "sip.ld", "image");
	fw = resolve(fx, NULL, "  APP_FILE_PATH=\"/sip.ld\"");
	assert_int_equal(fw->status, FW_OK);
	assert_string_equal(fw->path, "sip.ld");
}

static void
test_version(void **state)
{
	struct ts_fixture		*fx = *state;
	const struct firmware	*fw;
	struct findings		 fs = { 0 };

	ts_write(fx->root, "FIRMWARE-VVX/5.8.0.12386-June2018/sip.ld", "x");
	fw = resolve(fx, NULL,
	    "  APP_FILE_PATH=\"FIRMWARE-VVX/5.8.0.12386-June2018/sip.ld\"");
	assert_string_equal(fw->version, "5.8.0.12386");
	/* sip.ver beside the image wins over the folder name. */
	ts_write(fx->root, "FIRMWARE-VVX/5.8.0.12386-June2018/sip.ver",
	    "5.8.0.12387\n");
	fw = resolve(fx, NULL,
	    "  APP_FILE_PATH=\"FIRMWARE-VVX/5.8.0.12386-June2018/sip.ld\"");
	assert_string_equal(fw->version, "5.8.0.12387");
	/* A sip.ver that is not a release is ignored. */
	ts_write(fx->root, "a/sip.ld", "x");
	ts_write(fx->root, "a/sip.ver", "<html>");
	fw = resolve(fx, NULL, "  APP_FILE_PATH=\"a/sip.ld\"");
	assert_null(fw->version);

	assert_int_equal(firmware_version_cmp("5.9.8.5760", "5.9.8.5760"), 0);
	assert_int_equal(firmware_version_cmp("5.9.8", "5.9.8.5760"), 0);
	assert_true(firmware_version_cmp("5.9.8.5760", "5.9.6.2996") != 0);
	assert_true(firmware_version_cmp("5.10", "5.9") != 0);

	resolve(fx, NULL,
	    "  APP_FILE_PATH=\"FIRMWARE-VVX/5.8.0.12386-June2018/sip.ld\"");
	fw = &fx->r.firmware;
	firmware_drift(fw, "000000000000.cfg", "5.8.0.12387", &fs);
	assert_int_equal(fs.n, 0);
	firmware_drift(fw, "000000000000.cfg", NULL, &fs);
	firmware_drift(fw, "000000000000.cfg", "garbage", &fs);
	assert_int_equal(fs.n, 0);
	firmware_drift(fw, "000000000000.cfg", "5.9.6.2996\x1b[31m", &fs);
	assert_int_equal(ts_one(&fs, "firmware-drift")->line, 3);
	assert_null(strchr(fs.v[0].message, '\x1b'));
	assert_non_null(strstr(fs.v[0].message, "5.9.6.2996"));
	findings_free(&fs);
}

/* What two resolutions say of the image, finding by finding. */
static void
same_firmware(const struct resolution *a, const struct resolution *b)
{
	size_t	i;

	assert_int_equal(a->firmware.status, b->firmware.status);
	assert_int_equal(a->firmware.line, b->firmware.line);
	assert_string_equal(a->firmware.path, b->firmware.path);
	if (a->firmware.version == NULL || b->firmware.version == NULL)
		assert_ptr_equal(a->firmware.version, b->firmware.version);
	else
		assert_string_equal(a->firmware.version, b->firmware.version);
	assert_int_equal(a->findings.n, b->findings.n);
	for (i = 0; i < a->findings.n; i++) {
		assert_int_equal(a->findings.v[i].code, b->findings.v[i].code);
		assert_string_equal(a->findings.v[i].message,
		    b->findings.v[i].message);
		assert_string_equal(a->findings.v[i].file,
		    b->findings.v[i].file);
		assert_int_equal(a->findings.v[i].line, b->findings.v[i].line);
	}
}

/*
 * A share remembers what an image comes to for the phones after the
 * first: each phone must get what a share of its own tells it, with the
 * findings at its own master and line, however the phones' images
 * alternate (more of them than the share keeps, then the first again).
 */
static void
test_remembered(void **state)
{
	struct ts_fixture	*fx = *state;
	static const char *const values[] = {
		"sip.ld", "SIP.LD", "fw/sip.ld", "nope.ld", "../out.ld",
		"[PHONE_MODEL].sip.ld", "3111-48400-001.sip.ld", "sip.ld",
		"fw/sip.ld", " sip.ld", "http://u:pw@h/sip.ld", "sip.ld",
	};
	static const char *const models[] = { NULL, "VVX400" };
	struct resolution	 r;
	struct share		*sh;
	char			 name[32], *master, *cause = NULL;
	size_t			 i, m;

	ts_write(fx->root, "SIP.ld", "image");
	ts_write(fx->root, "fw/sip.ld", "image");
	ts_write(fx->root, "fw/sip.ver", "6.1.0.1\n");
	ts_write(fx->root, "3111-48400-001.sip.ld", "image");
	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		snprintf(name, sizeof(name), "m%zu.cfg", i);
		/* Each on its own line: the findings must move with it. */
		if (asprintf(&master, "<APPLICATION%.*s APP_FILE_PATH=\"%s\" "
		    "CONFIG_FILES=\"\"/>\n", (int)i, "\n\n\n\n\n\n\n\n\n\n\n\n",
		    values[i]) == -1)
			fail_msg("asprintf");
		ts_write(fx->root, name, master);
		free(master);
	}
	for (m = 0; m < 2; m++) {
		if ((sh = share_open(fx->root, &cause)) == NULL)
			fail_msg("share_open: %s", cause);
		for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
			snprintf(name, sizeof(name), "m%zu.cfg", i);
			assert_int_equal(resolve_phone(sh, TS_MAC, models[m],
			    name, &r), 0);
			same_firmware(&r, ts_resolve(fx, models[m], name));
			resolve_release(sh, &r);
			resolution_free(&r);
		}
		share_free(sh);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test_setup_teardown(test_generic_present, ts_setup,
		    ts_teardown),
		cmocka_unit_test_setup_teardown(test_missing, ts_setup, ts_teardown),
		cmocka_unit_test_setup_teardown(test_per_model, ts_setup,
		    ts_teardown),
		cmocka_unit_test_setup_teardown(test_part_macro, ts_setup,
		    ts_teardown),
		cmocka_unit_test_setup_teardown(test_wrong_model, ts_setup,
		    ts_teardown),
		cmocka_unit_test_setup_teardown(test_none_url_refused, ts_setup,
		    ts_teardown),
		cmocka_unit_test_setup_teardown(test_version, ts_setup, ts_teardown),
		cmocka_unit_test_setup_teardown(test_remembered, ts_setup,
		    ts_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
