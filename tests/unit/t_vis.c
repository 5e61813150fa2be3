/* Unit tests for vis.c: what text and CSV output show for outside bytes. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "vis.h"

/* What writer(fp) wrote. */
static char *
written(void (*writer)(FILE *, const void *), const void *arg)
{
	char	*buf = NULL;
	size_t	 len = 0;
	FILE	*fp;

	fp = open_memstream(&buf, &len);
	assert_non_null(fp);
	writer(fp, arg);
	fclose(fp);
	return buf;
}

static void
w_write(FILE *fp, const void *arg)
{
	vis_write(fp, arg, strlen(arg));
}

static void
w_csv(FILE *fp, const void *arg)
{
	vis_csv(fp, arg);
}

/* Code points in s: the columns of text without wide characters. */
static size_t
codepoints(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

static void
expect(const char *in, const char *want)
{
	char	*got, buf[256];
	size_t	 n;

	got = written(w_write, in);
	assert_string_equal(got, want);
	free(got);
	n = vis_encode(buf, in, strlen(in));
	assert_true(n <= strlen(in) * VIS_MAX);
	assert_int_equal(n, strlen(want));
	assert_memory_equal(buf, want, n);
	assert_int_equal(vis_width(in), codepoints(want));
}

static void
test_controls(void **state)
{
	expect("plain text, 100%", "plain text, 100%");
	expect("a\nb\rc\td", "a\\nb\\rc\\td");
	expect("\033[2J\a\x7f", "\\x1b[2J\\x07\\x7f");
	expect("back\\slash", "back\\\\slash");
	expect("\x01\x1f", "\\x01\\x1f");
}

static void
test_unicode(void **state)
{
	/* C1 as UTF-8: CSI and NEL. */
	expect("\xc2\x9b" "31m\xc2\x85", "\\u009b31m\\u0085");
	/* Latin-1 and beyond stay as they are. */
	expect("caf\xc3\xa9 \xe2\x82\xac \xf0\x90\x8d\x88",
	    "caf\xc3\xa9 \xe2\x82\xac \xf0\x90\x8d\x88");
	expect("\xc2\xa0", "\xc2\xa0");
	/* Line separators and bidirectional overrides reorder a line. */
	expect("a\xe2\x80\xa8" "b\xe2\x80\xae" "c\xe2\x81\xa6",
	    "a\\u2028b\\u202ec\\u2066");
}

/* Issue 18.11: widths in display columns, and where a cut may fall. */
static void
test_width(void **state)
{
	size_t	w;

	(void)state;
	/* Wide (CJK, emoji) count 2, combining marks 0, escapes their length. */
	assert_int_equal(vis_width("\xe5\x8f\x97\xe4\xbb\x98"), 4);
	assert_int_equal(vis_width("\xf0\x9f\x93\x9e"), 2);
	assert_int_equal(vis_width("e\xcc\x81"), 1);
	assert_int_equal(vis_width("a\tb"), 4);
	assert_int_equal(vis_width("\xc2\x9b"), 6);
	/* A cut never splits a wide character, an escape or UTF-8. */
	assert_int_equal(vis_fit("ab\xe5\x8f\x97" "c", 3, &w), 2);
	assert_int_equal(w, 2);
	assert_int_equal(vis_fit("ab\xe5\x8f\x97" "c", 4, &w), 5);
	assert_int_equal(w, 4);
	assert_int_equal(vis_fit("a\nb", 2, &w), 1);
	assert_int_equal(w, 1);
	assert_int_equal(vis_fit("a\nb", 3, &w), 2);
	assert_int_equal(vis_fit("short", 40, &w), 5);
	assert_int_equal(w, 5);
	assert_int_equal(vis_fit("e\xcc\x81x", 1, &w), 3);
}

static void
test_invalid_utf8(void **state)
{
	/* A lone 0x9b is CSI to an 8-bit terminal. */
	expect("\x9b" "2J", "\\x9b2J");
	/* Overlong, surrogate, beyond U+10FFFF, cut short. */
	expect("\xc0\x8a", "\\xc0\\x8a");
	expect("\xed\xa0\x80", "\\xed\\xa0\\x80");
	expect("\xf4\x90\x80\x80", "\\xf4\\x90\\x80\\x80");
	expect("\xe2\x82", "\\xe2\\x82");
	expect("\xe2\x82" "x", "\\xe2\\x82x");
}

static void
test_csv(void **state)
{
	char	*got;

	got = written(w_csv, "a\r\nb");
	assert_string_equal(got, "a\\r\\nb");
	free(got);
	got = written(w_csv, "say \"hi\",\n\033");
	assert_string_equal(got, "\"say \"\"hi\"\",\\n\\x1b\"");
	free(got);
	got = written(w_csv, NULL);
	assert_string_equal(got, "");
	free(got);
}

static void
w_printf(FILE *fp, const void *arg)
{
	(void)arg;
	vis_fprintf(fp, "[%s|%-6s|%6s|%-*s|%.3s|%c|%c] %d %5zu %ld %x %.1f "
	    "%%\n", "x\ny", "\t", "\033", 5, "a\rb", "abcdef", 'q', '\n',
	    -7, (size_t)42, 123456789L, 255U, 2.25);
}

static void
test_printf(void **state)
{
	char	*got;

	got = written(w_printf, NULL);
	assert_string_equal(got, "[x\\ny|\\t    |  \\x1b|a\\rb |abc|q|\\n] "
	    "-7    42 123456789 ff 2.2 %\n");
	free(got);
}

static void
test_cut(void **state)
{
	(void)state;
	assert_int_equal(vis_cut("abcdef", 6, 4), 4);
	assert_int_equal(vis_cut("abc", 3, 10), 3);
	/* "a" then U+00E9 (2 bytes): a cut at 2 would split it. */
	assert_int_equal(vis_cut("a\xc3\xa9z", 4, 2), 1);
	assert_int_equal(vis_cut("a\xc3\xa9z", 4, 3), 3);
	/* U+20AC (3 bytes) cut at 2 leaves nothing. */
	assert_int_equal(vis_cut("\xe2\x82\xac", 3, 2), 0);
	/* A stray continuation byte or a lead byte at the end is one unit. */
	assert_int_equal(vis_cut("a\x80" "b", 3, 2), 2);
	assert_int_equal(vis_cut("ab\xc3", 3, 3), 3);
	assert_int_equal(vis_cut("", 0, 5), 0);
}

/* vis_plain() 8 bytes a step: each byte at each place, every length. */
static void
test_plain_words(void **state)
{
	char	s[20];
	size_t	k, len, i;
	int	b, want;

	(void)state;
	for (b = 1; b < 256; b++)
		for (k = 0; k < sizeof(s); k++) {
			memset(s, 'a' + (int)(k % 26), sizeof(s));
			s[k] = (char)b;
			for (len = 0; len <= sizeof(s); len++) {
				want = 1;
				for (i = 0; i < len; i++)
					if ((unsigned char)s[i] < 0x20 ||
					    (unsigned char)s[i] >= 0x7f ||
					    s[i] == '\\')
						want = 0;
				assert_int_equal(vis_plain(s, len), want);
			}
		}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_controls),
		cmocka_unit_test(test_plain_words),
		cmocka_unit_test(test_unicode),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_printf),
		cmocka_unit_test(test_cut),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
