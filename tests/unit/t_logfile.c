/*
 * The phone's uploaded log lines: three time formats, event classes, the
 * text after the fourth '|', and only the proven signatures
 * (shared/reference/diagnosis.md 5.1, 5.2).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "logfile.h"

#define NOW	1764547200	/* 2025-12-01 00:00:00 UTC */

static struct logline
ok(const char *s)
{
	struct logline	ll;

	if (logline_parse(s, strlen(s), &ll) != 0)
		fail_msg("not parsed: %s", s);
	return ll;
}

static void
test_formats(void **state)
{
	struct logline	ll;

	(void)state;
	ll = ok("011511.006|so   |2|00|soCoreAudioTermChg: chassis -> idle");
	assert_int_equal(ll.tkind, LOGT_BOOT);
	assert_true(ll.since_boot > 4511.005 && ll.since_boot < 4511.007);
	assert_int_equal(ll.complen, 2);
	assert_memory_equal(ll.comp, "so", 2);
	assert_int_equal(ll.cls, '2');
	assert_int_equal(logline_when(&ll, NOW), -1);

	/* Format 2, MMDDhhmmss: no year, so the last Oct 15 before now. */
	ll = ok("1015152457|log  |4|00|text | with bars");
	assert_int_equal(ll.tkind, LOGT_ABS);
	assert_int_equal(ll.year, -1);
	assert_int_equal(ll.mon, 10);
	assert_int_equal(ll.sec, 57);
	assert_int_equal(ll.textlen, strlen("text | with bars"));
	assert_memory_equal(ll.text, "text | with bars", ll.textlen);
	assert_int_equal(logline_when(&ll, NOW), 1760541897);	/* 2025-10-15 15:24:57 */
	/* A date ahead of now is last year's. */
	ll = ok("1215000000|log  |4|00|x");
	assert_int_equal(logline_when(&ll, NOW), 1734220800);	/* 2024-12-15 */

	/* Format 1, YYMMDDhhmm: 28 is no hour, so not format 2. */
	ll = ok("0210281716|so   |1|00|x");
	assert_int_equal(ll.year, 2002);
	assert_int_equal(ll.mon, 10);
	assert_int_equal(ll.day, 28);
	assert_int_equal(ll.min, 16);

	/* The time cut off, as KCLC quotes lines; '*' as the class. */
	ll = ok("sip|*|00|Sip Register Usr:2xx");
	assert_int_equal(ll.tkind, LOGT_NONE);
	assert_int_equal(ll.cls, '*');
	assert_memory_equal(ll.text, "Sip Register Usr:2xx", ll.textlen);
}

static void
test_not_lines(void **state)
{
	static const char *const bad[] = {
		"", "plain text", "a|b", "|||||", "1015152457|log  |7|00|x",
		"1015152457|toolong|4|00|x", "1015152457|log|4|000|x",
		"1399999999|log|4|00|x", "011511.0x6|so|2|00|x",
		"1015152457|log|4|00", "x|9|00|bad", "1015152457||4|00|x",
	};
	struct logline	ll;
	size_t		i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (logline_parse(bad[i], strlen(bad[i]), &ll) == 0)
			fail_msg("parsed: %s", bad[i]);
}

static void
test_signatures(void **state)
{
	struct logline	ll;

	(void)state;
	ll = ok("1015152457|log  |4|00|UtilLogServerC::uploadFifoLog: upload "
	    "error. protocol 0 result = 17");
	assert_int_equal(logline_signature(&ll), LOGSIG_UPLOAD_FAILED);
	ll = ok("res|4|00|Failed to download file WTEK-Bkgrd.jpg");
	assert_int_equal(logline_signature(&ll), LOGSIG_DOWNLOAD_FAILED);
	ll = ok("0202115811|tickt|*|00|m_bCertExpired [1]");
	assert_int_equal(logline_signature(&ll), LOGSIG_CERT_EXPIRED);
	/* Near misses stay unclassified. */
	ll = ok("0202115811|tickt|*|00|m_bCertExpired [0]");
	assert_int_equal(logline_signature(&ll), LOGSIG_NONE);
	ll = ok("1015152216|copy |4|00|Could not set the custom header "
	    "Content-Range for HTTP/s request. Head request failed");
	assert_int_equal(logline_signature(&ll), LOGSIG_NONE);
	ll = ok("1015152006|lldp |4|00|Ignoring corrupt LLDP packet.");
	assert_int_equal(logline_signature(&ll), LOGSIG_NONE);
	ll = ok("res|4|00|xFailed to download file a");
	assert_int_equal(logline_signature(&ll), LOGSIG_NONE);
}

static void
test_read(void **state)
{
	static const char	 log[] =
	    "1015152457|log  |4|00|UtilLogServerC::uploadFifoLog: upload "
	    "error. protocol 0 result = -1\r\n"
	    "junk\n"
	    "1016101010|log  |3|00|later\n"
	    "\n"
	    "res|4|00|Failed to download file a.jpg";
	struct logsum		 ls;
	char			 many[40 * 30] = "";
	size_t			 i;

	(void)state;
	logfile_read(log, sizeof(log) - 1, NOW, &ls);
	assert_int_equal(ls.lines, 5);
	assert_int_equal(ls.parsed, 3);
	assert_int_equal(ls.newest, 1760609410);	/* 2025-10-16 10:10:10 */
	assert_int_equal(ls.nhits, 2);
	assert_int_equal(ls.hits[0].line, 1);
	assert_int_equal(ls.hits[0].sig, LOGSIG_UPLOAD_FAILED);
	assert_int_equal(ls.hits[0].text[ls.hits[0].len - 1], '1');
	assert_int_equal(ls.hits[1].line, 5);
	assert_int_equal(ls.nsig[LOGSIG_DOWNLOAD_FAILED], 1);

	/* Only the first LOG_HITS_MAX lines are kept, all are counted. */
	for (i = 0; i < 30; i++)
		strcat(many, "res|4|00|Failed to download file a\n");
	logfile_read(many, strlen(many), NOW, &ls);
	assert_int_equal(ls.nsig[LOGSIG_DOWNLOAD_FAILED], 30);
	assert_int_equal(ls.nhits, LOG_HITS_MAX);
	assert_int_equal(ls.newest, -1);
	logfile_read("", 0, NOW, &ls);
	assert_int_equal(ls.lines, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_not_lines),
		cmocka_unit_test(test_signatures),
		cmocka_unit_test(test_read),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
