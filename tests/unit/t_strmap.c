/* strmap.c: the hashed entry points find what the plain ones put. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <cmocka.h>

#include "strmap.h"

static void
test_hashed(void **state)
{
	struct strmap	*m = strmap_new();
	char		 key[32];
	const char	*k;
	size_t		 i;

	(void)state;
	/* Enough keys to grow the slots several times. */
	for (i = 0; i < 1000; i++) {
		snprintf(key, sizeof(key), "reg.%zu.auth.usePinCredentials", i);
		if (i % 2 == 0)
			assert_int_equal(strmap_put(m, key, (void *)(i + 1)), 0);
		else
			assert_int_equal(strmap_put_hashed(m, key,
			    strmap_hash(key), (void *)(i + 1)), 0);
	}
	assert_int_equal(strmap_count(m), 1000);
	for (i = 0; i < 1000; i++) {
		snprintf(key, sizeof(key), "reg.%zu.auth.usePinCredentials", i);
		assert_ptr_equal(strmap_get(m, key), (void *)(i + 1));
		assert_ptr_equal(strmap_get_hashed(m, key, strmap_hash(key)),
		    (void *)(i + 1));
		/* Already there: nothing changes, either way. */
		assert_int_equal(strmap_put_hashed(m, key, strmap_hash(key),
		    NULL), -1);
		assert_int_equal(strmap_put(m, key, NULL), -1);
		assert_ptr_equal(strmap_at(m, i, &k), (void *)(i + 1));
		assert_string_equal(k, key);
	}
	assert_null(strmap_get(m, "reg.1000.auth.usePinCredentials"));
	assert_int_equal(strmap_count(m), 1000);
	strmap_free(m, NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hashed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
