/*
 * jsonw.c against jansson itself: every string written as jansson's
 * compact dump writes it, after report_json.c's rule for bytes that are
 * not UTF-8 (each becomes U+FFFD).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <jansson.h>

#include "jsonw.h"
#include "vis.h"

/* What jansson writes for s, each byte that is not UTF-8 as U+FFFD. */
static char *
oracle(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 len = strlen(s), i, n;
	char			*fixed, *o, *text;
	json_t			*j;

	if ((j = json_string(s)) == NULL) {
		o = fixed = malloc(len * 3 + 1);
		assert_non_null(fixed);
		for (i = 0; i < len; i += n)
			if ((n = vis_utf8_len(p + i, len - i)) == 0) {
				memcpy(o, "\xef\xbf\xbd", 3);
				o += 3;
				n = 1;
			} else {
				memcpy(o, p + i, n);
				o += n;
			}
		*o = '\0';
		j = json_string(fixed);
		free(fixed);
	}
	assert_non_null(j);
	text = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY);
	assert_non_null(text);
	json_decref(j);
	return text;
}

static size_t	checked;

static void
check(const char *s)
{
	struct jsonw	 w = { 0 };
	char		*want = oracle(s);

	jsonw_str(&w, s);
	jsonw_raw(&w, "", 1);
	if (strcmp(w.buf, want) != 0)
		fail_msg("%s != %s (jansson)", w.buf, want);
	free(want);
	jsonw_free(&w);
	checked++;
}

static void
test_bytes(void **state)
{
	char	s[4];
	int	a, b;

	(void)state;
	check("");
	for (a = 1; a < 256; a++) {
		s[0] = (char)a;
		s[1] = '\0';
		check(s);
		for (b = 1; b < 256; b++) {
			s[1] = (char)b;
			s[2] = '\0';
			check(s);
		}
	}
	assert_int_equal(checked, 1 + 255 + 255 * 255);
}

/* Each byte at each place of words read 8 at a time, and a tail. */
static void
test_words(void **state)
{
	char	s[20];
	int	b;
	size_t	k;

	(void)state;
	for (b = 1; b < 256; b++)
		for (k = 0; k < 19; k++) {
			memset(s, 'a' + (int)k, sizeof(s) - 1);
			s[sizeof(s) - 1] = '\0';
			s[k] = (char)b;
			check(s);
			/* Two in a word: a sequence that spans a word's end. */
			if (k + 1 < sizeof(s) - 1) {
				s[k + 1] = (char)(0x80 | (b & 0x3f));
				check(s);
			}
		}
}

/* Three- and four-byte forms: the edges of each lead byte's range. */
static void
test_sequences(void **state)
{
	static const unsigned char	lead[] = {
		0xe0, 0xe1, 0xec, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf3, 0xf4,
		0xf5, 0xf8, 0xff,
	};
	static const unsigned char	next[] = {
		'a', '"', 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc2,
		0xe2,
	};
	unsigned char	s[6];
	size_t		i, j, k, l;

	(void)state;
	for (i = 0; i < sizeof(lead); i++)
		for (j = 0; j < sizeof(next); j++)
			for (k = 0; k < sizeof(next); k++)
				for (l = 0; l < sizeof(next); l++) {
					s[0] = lead[i];
					s[1] = next[j];
					s[2] = next[k];
					s[3] = next[l];
					s[4] = '\0';
					check((char *)s);
					s[3] = '\0';
					check((char *)s);
				}
	/* U+2028, U+FFFF, U+10FFFF, and text around escapes. */
	check("a\xe2\x80\xa8z\xef\xbf\xbf\xf4\x8f\xbf\xbf");
	check("C:\\path\\\"q\"/\x1b[31m\x7f\t\r\n\b\f\x01\x1f end");
}

static void
test_int_null(void **state)
{
	static const long long	v[] = { 0, 1, 9, 10, -1, 65535, -65536,
		LLONG_MAX, LLONG_MIN };
	struct jsonw		 w = { 0 };
	json_t			*j;
	char			*want;
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		w.len = 0;
		jsonw_int(&w, v[i]);
		jsonw_raw(&w, "", 1);
		j = json_integer(v[i]);
		want = json_dumps(j, JSON_ENCODE_ANY);
		assert_string_equal(w.buf, want);
		free(want);
		json_decref(j);
	}
	w.len = 0;
	jsonw_str(&w, NULL);
	JSONW_LIT(&w, ",");
	jsonw_raw(&w, "", 1);
	assert_string_equal(w.buf, "null,");
	jsonw_free(&w);
}

/* A buffer that grows keeps what it holds. */
static void
test_grow(void **state)
{
	struct jsonw	 w = { 0 };
	char		*big;
	size_t		 i;

	(void)state;
	big = malloc(100001);
	assert_non_null(big);
	for (i = 0; i < 100000; i++)
		big[i] = (char)(i % 7 == 0 ? '\n' : 'a' + i % 26);
	big[100000] = '\0';
	JSONW_LIT(&w, "[");
	jsonw_str(&w, big);
	JSONW_LIT(&w, "]");
	assert_true(w.len > 100000);
	assert_memory_equal(w.buf, "[\"\\nb", 5);
	assert_int_equal(w.buf[w.len - 1], ']');
	check(big);
	free(big);
	jsonw_free(&w);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bytes),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_sequences),
		cmocka_unit_test(test_int_null),
		cmocka_unit_test(test_grow),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
