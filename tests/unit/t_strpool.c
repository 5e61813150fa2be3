/* Unit tests for strpool.c: strings kept whole across blocks. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "strpool.h"

/* Many short strings fill several blocks; each stays as written. */
static void
test_many(void **state)
{
	struct strpool	 sp = { NULL };
	char		*v[2000], want[32];
	size_t		 i;

	(void)state;
	for (i = 0; i < 2000; i++)
		v[i] = i % 2 ? strpool_printf(&sp, "n%zu-%s", i, "x") :
		    strpool_dup(&sp, i % 4 ? "odd" : "even");
	for (i = 0; i < 2000; i++) {
		if (i % 2)
			snprintf(want, sizeof(want), "n%zu-x", i);
		else
			snprintf(want, sizeof(want), "%s", i % 4 ? "odd" :
			    "even");
		assert_string_equal(v[i], want);
	}
	strpool_free(&sp);
	assert_null(sp.head);
}

/* A string longer than any block, formatted or copied, then more. */
static void
test_long(void **state)
{
	struct strpool	 sp = { NULL };
	char		*big, *a, *b, *c, *d;
	size_t		 n = 200000;

	(void)state;
	big = malloc(n + 1);
	assert_non_null(big);
	memset(big, 'q', n);
	big[n] = '\0';
	a = strpool_dup(&sp, "before");
	b = strpool_printf(&sp, "<%s>", big);
	c = strpool_dup(&sp, big);
	d = strpool_dup(&sp, "after");
	assert_string_equal(a, "before");
	assert_int_equal(strlen(b), n + 2);
	assert_true(b[0] == '<' && b[n + 1] == '>' && b[1] == 'q');
	assert_string_equal(c, big);
	assert_string_equal(d, "after");
	/* The head block kept its room: "after" follows "before". */
	assert_ptr_equal(d, a + strlen(a) + 1);
	strpool_free(&sp);
	free(big);
}

/* NULL copies as NULL; ndup stops at n or at a NUL. */
static void
test_dup(void **state)
{
	struct strpool	 sp = { NULL };

	(void)state;
	assert_null(strpool_dup(&sp, NULL));
	assert_null(sp.head);
	assert_string_equal(strpool_ndup(&sp, "abcdef", 3), "abc");
	assert_string_equal(strpool_ndup(&sp, "ab\0cd", 5), "ab");
	assert_string_equal(strpool_dup(&sp, ""), "");
	strpool_free(&sp);
	strpool_free(&sp);
}

/* Arrays are zeroed and aligned for any type, between strings too. */
static void
test_arrays(void **state)
{
	struct strpool	 sp = { NULL };
	long double	*v;
	size_t		 i, k;

	(void)state;
	for (k = 0; k < 300; k++) {
		strpool_dup(&sp, k % 3 ? "x" : "");
		v = strpool_calloc(&sp, k % 7 + 1, sizeof(*v));
		assert_int_equal((uintptr_t)v % _Alignof(max_align_t), 0);
		for (i = 0; i < k % 7 + 1; i++) {
			assert_true(v[i] == 0);
			v[i] = k;
		}
	}
	strpool_free(&sp);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_many),
		cmocka_unit_test(test_long),
		cmocka_unit_test(test_dup),
		cmocka_unit_test(test_arrays),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
