/*
 * Share hygiene: orphan-override only without any master for the MAC,
 * redundant-override only for a winning override value equal to the next.
 */
#include "testshare.h"

#include "hygiene.h"
#include "merge.h"

static void
check(struct ts_fixture *fx, const char *model, struct findings *fs)
{
	struct merged	*m;

	findings_free(fs);
	m = merge_new(ts_resolve(fx, model, NULL));
	hygiene_orphan(fx->sh, &fx->r, fs);
	hygiene_redundant(m, &fx->r, fs);
	merge_free(m);
}

static void
test_orphan(void **state)
{
	struct ts_fixture	*fx = *state;
	struct findings		 fs = { 0 };
	const struct finding	*f;

	ts_write(fx->root, "0004f2000001.cfg", "<APPLICATION CONFIG_FILES=\"\" "
	    "OVERRIDES_DIRECTORY=\"ov\"/>");
	ts_write(fx->root, "ov/" TS_MAC "-web.cfg", "<W><O a=\"1\"/></W>");
	check(fx, NULL, &fs);
	f = ts_one(&fs, "orphan-override");
	assert_int_equal(f->sev, SEV_NOTE);
	assert_string_equal(f->file, "ov/" TS_MAC "-web.cfg");
	/* A zeros master applies to every MAC: no orphan. */
	ts_write(fx->root, "000000000000.cfg", "<APPLICATION CONFIG_FILES=\"\"/>");
	check(fx, NULL, &fs);
	assert_int_equal(ts_count(&fs, "orphan-override"), 0);
	/* Nor with the phone's own master. */
	ts_rmtree(ts_path(fx->root, "000000000000.cfg"));
	ts_write(fx->root, TS_MAC ".cfg", "<APPLICATION CONFIG_FILES=\"\"/>");
	check(fx, NULL, &fs);
	assert_int_equal(ts_count(&fs, "orphan-override"), 0);
	/* No master and no override file: nothing to say. */
	ts_rmtree(ts_path(fx->root, TS_MAC ".cfg"));
	ts_rmtree(ts_path(fx->root, "ov"));
	check(fx, NULL, &fs);
	assert_int_equal(ts_count(&fs, "orphan-override"), 0);
	findings_free(&fs);
}

static void
test_redundant(void **state)
{
	struct ts_fixture	*fx = *state;
	struct findings		 fs = { 0 };
	const struct finding	*f;

	ts_write(fx->root, "000000000000.cfg",
	    "<APPLICATION CONFIG_FILES=\"site.cfg\"/>");
	ts_write(fx->root, "site.cfg", "<c a=\"1\" b=\"2\" c.VVX411=\"3\"/>");
	ts_write(fx->root, TS_MAC "-web.cfg",
	    "<W>\n<O a=\"1\"\n b=\"9\" z=\"4\"/></W>");
	check(fx, NULL, &fs);
	f = ts_one(&fs, "redundant-override");
	assert_int_equal(f->sev, SEV_NOTE);
	assert_string_equal(f->file, TS_MAC "-web.cfg");
	assert_int_equal(f->line, 2);
	assert_non_null(strstr(f->message, "1 value equals"));
	assert_non_null(strstr(f->message, "site.cfg:1"));
	/* Different values, or nothing below: not redundant. */
	ts_write(fx->root, TS_MAC "-web.cfg", "<W><O a=\"0\" z=\"4\"/></W>");
	check(fx, NULL, &fs);
	assert_int_equal(ts_count(&fs, "redundant-override"), 0);
	/* The phone override equal to the web override below it. */
	ts_write(fx->root, TS_MAC "-phone.cfg", "<P><O a=\"0\" c.VVX411=\"3\"/></P>");
	check(fx, "VVX411", &fs);
	f = ts_one(&fs, "redundant-override");
	assert_string_equal(f->file, TS_MAC "-phone.cfg");
	assert_non_null(strstr(f->message, "2 values equal"));
	findings_free(&fs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_orphan, ts_setup,
		    ts_teardown),
		cmocka_unit_test_setup_teardown(test_redundant, ts_setup,
		    ts_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
