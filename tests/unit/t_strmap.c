/* strmap.c: the hashed entry points find what the plain ones put. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
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

/* Keys of every length around the 8-byte steps, and keys that differ
 * only in their last byte or only in their first. */
/*
 * Key c of length len: 'k's with its first (c 1) or last (c 0, 2) byte
 * changed; 0 for the two that the empty key cannot be.
 */
static int
length_key(char *key, size_t len, size_t c)
{
	if (len == 0 && c > 0)
		return 0;
	memset(key, 'k', len);
	key[len] = '\0';
	if (len > 0)
		key[c == 1 ? 0 : len - 1] = (char)('a' + c);
	return 1;
}

static void
test_lengths(void **state)
{
	struct strmap	*m = strmap_new();
	char		 key[40];
	size_t		 len, c;

	(void)state;
	for (len = 0; len < 34; len++)
		for (c = 0; c < 3; c++)
			if (length_key(key, len, c))
				assert_int_equal(strmap_put(m, key,
				    (void *)(len * 3 + c + 1)), 0);
	for (len = 0; len < 34; len++)
		for (c = 0; c < 3; c++)
			if (length_key(key, len, c))
				assert_ptr_equal(strmap_get_hashed(m, key,
				    strmap_hash(key)), (void *)(len * 3 + c + 1));
	strmap_free(m, NULL);
}

/* A map made for 100 keys takes 300, put, set and slot alike. */
static void
test_sized(void **state)
{
	struct strmap	*m = strmap_new_sized(100);
	char		 key[16];
	size_t		 i;

	(void)state;
	for (i = 0; i < 300; i++) {
		snprintf(key, sizeof(key), "k%zu", i);
		if (i % 3 == 0)
			assert_int_equal(strmap_put(m, key, (void *)(i + 1)), 0);
		else if (i % 3 == 1)
			strmap_set(m, key, (void *)(i + 1));
		else
			*strmap_slot(m, key) = (void *)(i + 1);
	}
	for (i = 0; i < 300; i++) {
		snprintf(key, sizeof(key), "k%zu", i);
		assert_ptr_equal(strmap_get(m, key), (void *)(i + 1));
		assert_ptr_equal(strmap_at(m, i, NULL), (void *)(i + 1));
		strmap_set(m, key, (void *)(i + 2));
		assert_ptr_equal(*strmap_slot(m, key), (void *)(i + 2));
	}
	assert_int_equal(strmap_count(m), 300);
	strmap_free(m, NULL);
}

/*
 * A small map's first slots, entries and keys live in its own block:
 * empty, full to the last key they hold, one key past them, and a key
 * longer than the first key block, each found and freed.
 */
static void
test_small(void **state)
{
	struct strmap	*m;
	char		 key[600];
	size_t		 i, n;

	(void)state;
	strmap_free(strmap_new(), NULL);
	strmap_free(strmap_new_sized(8), NULL);
	for (n = 7; n <= 10; n++) {
		m = strmap_new_sized(n);
		for (i = 0; i < n; i++) {
			snprintf(key, sizeof(key), "device.key%zu", i);
			assert_int_equal(strmap_put(m, key, (void *)(i + 1)), 0);
		}
		memset(key, 'x', sizeof(key) - 1);
		key[sizeof(key) - 1] = '\0';
		assert_int_equal(strmap_put(m, key, (void *)1000), 0);
		for (i = 0; i < n; i++) {
			snprintf(key, sizeof(key), "device.key%zu", i);
			assert_ptr_equal(strmap_get(m, key), (void *)(i + 1));
		}
		memset(key, 'x', sizeof(key) - 1);
		assert_ptr_equal(strmap_get(m, key), (void *)1000);
		assert_int_equal(strmap_count(m), n + 1);
		strmap_free(m, NULL);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hashed),
		cmocka_unit_test(test_lengths),
		cmocka_unit_test(test_sized),
		cmocka_unit_test(test_small),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
