/* Unit tests for rest.c: every documented body shape and the bad ones. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "redact.h"
#include "rest.h"
#include "xalloc.h"

#define B(s)	(s), strlen(s)

static void
t_request(void **state)
{
	const char	*names[] = { "reg.1.address", "a\"b\\c" };
	char		*s;

	s = rest_config_request(names, 2);
	assert_string_equal(s, "{\"data\":[\"reg.1.address\",\"a\\\"b\\\\c\"]}");
	free(s);
	s = rest_config_request(names, 0);
	assert_string_equal(s, "{\"data\":[]}");
	free(s);
}

/* A name jansson cannot write is refused, not left out of the request. */
static void
t_request_utf8(void **state)
{
	const char	*names[] = { "reg.1.address", "bad\xffname" };

	assert_null(rest_config_request(names, 2));
}

static void
t_status(void **state)
{
	long	 st;
	char	*cause = NULL;

	assert_int_equal(rest_parse_status(B("{\"Status\":\"2000\"}"), &st,
	    &cause), 0);
	assert_int_equal(st, 2000);
	assert_int_equal(rest_parse_status(B("{\"Status\":4010}"), &st,
	    &cause), 0);
	assert_int_equal(st, 4010);
	assert_int_equal(rest_parse_status(B("{\"data\":{}}"), &st,
	    &cause), 0);
	assert_int_equal(st, REST_STATUS_NONE);
	assert_int_equal(rest_parse_status(B("{\"Status\":\"ok\"}"), &st,
	    &cause), -1);
	assert_non_null(strstr(cause, "Status"));
	free(cause);
	assert_int_equal(rest_parse_status(B("{\"Status\":[1]}"), &st,
	    &cause), -1);
	free(cause);
	assert_int_equal(rest_parse_status(B("<html>"), &st, &cause), -1);
	assert_non_null(strstr(cause, "invalid JSON"));
	free(cause);
	assert_int_equal(rest_parse_status(NULL, 0, &st, &cause), -1);
	free(cause);
	assert_int_equal(rest_parse_status(B("[1,2]"), &st, &cause), -1);
	free(cause);
	assert_string_equal(rest_status_text(4010),
	    "Default password not allowed");
	assert_null(rest_status_text(1234));
}

/* Issue 18.8: every form a Trio reports selects Trio8800. */
static void
t_model_forms(void **state)
{
	static const char *const in[][2] = {
		{ "VVX 411", "VVX411" }, { "VVX_400", "VVX400" },
		{ "Trio 8800", "Trio8800" },
		{ "RealPresence Trio 8800", "Trio8800" },
		{ "Poly Trio 8800", "Trio8800" },
		{ "Polycom RealPresence Trio 8800", "Trio8800" },
		{ "Edge E350", "EdgeE350" }, { "Poly Edge E350", "EdgeE350" },
		{ "Poly", "Poly" }, { "Polyphone 1", "Polyphone1" },
	};
	char	*m;
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		m = rest_model_normalise(in[i][0]);
		assert_string_equal(m, in[i][1]);
		free(m);
	}
}

static void
t_device_flat(void **state)
{
	struct rest_device d;
	struct strpool	 sp = { NULL };
	char	*cause = NULL;
	const char *b = "{\"data\":{\"ModelNumber\":\"VVX 411\","
	    "\"FirmwareRelease\":\"5.5.0.22173\",\"DeviceType\":"
	    "\"hardwareEndpoint\",\"MACAddress\":\"64167FCACEE2\","
	    "\"UpTimeSinceLastReboot\":\"0 Day 6:16:10\","
	    "\"AttachedHardware\":{\"EM\":[]}},\"Status\":\"2000\"}";

	assert_int_equal(rest_parse_device(B(b), &sp, &d, &cause), 0);
	assert_string_equal(d.model, "VVX411");
	assert_string_equal(d.model_raw, "VVX 411");
	assert_string_equal(d.firmware, "5.5.0.22173");
	assert_string_equal(d.mac, "64167fcacee2");
	assert_int_equal(d.nested, 0);
	strpool_free(&sp);
}

static void
t_device_nested(void **state)
{
	struct rest_device d;
	struct strpool	 sp = { NULL };
	char	*cause = NULL;
	const char *b = "{\"data\":{\"ModelNumber\":\"Trio 8800\","
	    "\"Firmware\":{\"Application\":\"5.9.3.2857 02-Jul-19 06:14\","
	    "\"Updater\":\"x\",\"BootBlock\":\"y\"},\"UpTime\":{\"Days\":"
	    "\"1\"},\"MACAddress\":\"00:04:f2:fe:3a:b0\"},\"Status\":2000}";

	assert_int_equal(rest_parse_device(B(b), &sp, &d, &cause), 0);
	assert_string_equal(d.model, "Trio8800");
	assert_string_equal(d.firmware, "5.9.3.2857");
	assert_string_equal(d.mac, "0004f2fe3ab0");
	assert_int_equal(d.nested, 1);
	assert_int_equal(rest_parse_device(B("{\"data\":{\"ModelNumber\":"
	    "\"VVX_400\"}}"), &sp, &d, &cause), 0);
	assert_string_equal(d.model, "VVX400");
	assert_null(d.firmware);
	assert_string_equal(d.mac, "");
	strpool_free(&sp);
}

static void
t_device_bad(void **state)
{
	static const char *bad[] = {
		"{\"data\":{\"ModelNumber\":411}}",
		"{\"data\":{\"ModelNumber\":\"VVX\",\"MACAddress\":null,"
		    "\"FirmwareRelease\":[\"5\"]}}",
		"{\"data\":{\"MACAddress\":\"not-a-mac\"}}",
		"{\"data\":{\"Firmware\":\"5.9\"}}",
		"{\"data\":{\"Firmware\":{\"Application\":5}}}",
		"{\"data\":[]}",
		"{\"Status\":\"2000\"}",
		"{\"data\":{}}",
		"{\"data\":{\"ModelNumber\":\"a\",\"ModelNumber\":\"b\"}}",
		"{\"data\":{\"ModelNumber\":\"VVX 4",
		"{\"data\":{\"ModelNumber\":\"a\\u0000b\"}}",
		"null",
		"",
	};
	struct rest_device d;
	struct strpool	 sp = { NULL };
	char	*cause, *huge;
	size_t	 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		cause = NULL;
		assert_int_equal(rest_parse_device(B(bad[i]), &sp, &d, &cause),
		    -1);
		assert_non_null(cause);
		assert_null(d.model);
		free(cause);
	}
	huge = xmalloc(200000);
	memcpy(huge, "{\"data\":{\"ModelNumber\":\"", 24);
	memset(huge + 24, 'A', 200000 - 24);
	memcpy(huge + 200000 - 4, "\"}}", 4);
	assert_int_equal(rest_parse_device(huge, strlen(huge), &sp, &d,
	    &cause), -1);
	assert_non_null(strstr(cause, "longer"));
	free(cause);
	free(huge);
	strpool_free(&sp);
}

static void
t_network(void **state)
{
	struct rest_network n;
	struct strpool	 sp = { NULL };
	char	*cause = NULL;

	assert_int_equal(rest_parse_network(B("{\"data\":{\"DHCP\":\"enabled\","
	    "\"ProvServerAddress\":\"ftp://bob:s3cret@boot.example.org/p\","
	    "\"ProvServerType\":\"FTP\",\"ProvServerUser\":\"bob\"},"
	    "\"Status\":\"2000\"}"), &sp, &n, &cause), 0);
	assert_string_equal(n.prov_server, "ftp://bob:***@boot.example.org/p");
	assert_string_equal(n.prov_type, "FTP");
	assert_string_equal(n.prov_user, "bob");
	/* case and misspellings */
	assert_int_equal(rest_parse_network(B("{\"data\":{"
	    "\"provserveraddres\":\"boot.internalphone.org\","
	    "\"Prov_Server_Type\":\"HTTPS\"}}"), &sp, &n, &cause), 0);
	assert_string_equal(n.prov_server, "boot.internalphone.org");
	assert_string_equal(n.prov_type, "HTTPS");
	assert_null(n.prov_user);
	assert_int_equal(rest_parse_network(B("{\"data\":{"
	    "\"ProvServerAddress\":\"\"}}"), &sp, &n, &cause), 0);
	assert_string_equal(n.prov_server, "");
	assert_int_equal(rest_parse_network(B("{\"data\":{"
	    "\"ProvServerAddress\":7}}"), &sp, &n, &cause), -1);
	assert_non_null(strstr(cause, "ProvServerAddress"));
	free(cause);
	assert_int_equal(rest_parse_network(B("{\"data\":"), &sp, &n,
	    &cause), -1);
	free(cause);
	strpool_free(&sp);
}

static void
t_redact(void **state)
{
	char	*s;

	s = redact_url("https://u:p@w@h:443/x@y");
	assert_string_equal(s, "https://u:***@h:443/x@y");
	free(s);
	s = redact_url("u:p@host");
	assert_string_equal(s, "u:***@host");
	free(s);
	s = redact_url("ftp://user@host/");
	assert_string_equal(s, "ftp://user@host/");
	free(s);
	s = redact_url("host:21");
	assert_string_equal(s, "host:21");
	free(s);
}

static void
t_config(void **state)
{
	const char *names[] = { "a.b", "c.d", "e.f", "g.h" };
	struct rest_config c;
	struct strpool	 sp = { NULL };
	char	*cause = NULL;

	assert_int_equal(rest_parse_config(B("{\"data\":{\"a.b\":{\"Value\":"
	    "\"1\",\"Source\":\"config\"},\"c.d\":{\"Value\":\"\",\"Source\":"
	    "\"default\"}},\"InvalidParams\":[\"e.f\"],\"Status\":\"2000\"}"),
	    names, 4, &sp, &c, &cause), 0);
	assert_int_equal(c.nparams, 4);
	assert_int_equal(c.nunknown, 2);
	assert_string_equal(c.params[0].value, "1");
	assert_string_equal(c.params[0].source, "config");
	assert_string_equal(c.params[1].value, "");
	assert_null(c.params[2].value);
	assert_true(c.params[2].listed);
	assert_string_equal(c.params[3].name, "g.h");
	assert_null(c.params[3].value);
	assert_false(c.params[3].listed);
	rest_config_free(&c);
	/* InvalidParams as an object, Status as a number */
	assert_int_equal(rest_parse_config(B("{\"data\":{\"a.b\":{\"Value\":"
	    "\"x\"}},\"InvalidParams\":{\"0\":\"c.d\"},\"Status\":2000}"),
	    names, 2, &sp, &c, &cause), 0);
	assert_string_equal(c.params[0].value, "x");
	assert_null(c.params[0].source);
	assert_null(c.params[1].value);
	rest_config_free(&c);
	/* everything unknown, no data */
	assert_int_equal(rest_parse_config(B("{\"InvalidParams\":[\"a.b\"],"
	    "\"Status\":\"2000\"}"), names, 1, &sp, &c, &cause), 0);
	assert_int_equal(c.nunknown, 1);
	rest_config_free(&c);
	strpool_free(&sp);
}

static void
t_config_bad(void **state)
{
	static const char *bad[] = {
		"{\"data\":{\"a.b\":{\"Value\":1}}}",
		"{\"data\":{\"a.b\":{\"Value\":null}}}",
		"{\"data\":{\"a.b\":{\"Source\":\"web\"}}}",
		"{\"data\":{\"a.b\":\"1\"}}",
		"{\"data\":{\"a.b\":{\"Value\":\"1\",\"Source\":[]}}}",
		"{\"data\":[\"a.b\"]}",
		"{\"data\":{},\"InvalidParams\":\"a.b\"}",
		"{\"Status\":\"4009\"}",
		"{\"Status\":5000}",
		"{\"data\":{\"a.b\":{\"Value\":\"1\",\"Value\":\"2\"}}}",
		"garbage",
	};
	const char *names[] = { "a.b" };
	struct rest_config c;
	struct strpool	 sp = { NULL };
	char	*cause;
	size_t	 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		cause = NULL;
		assert_int_equal(rest_parse_config(B(bad[i]), names, 1, &sp, &c,
		    &cause), -1);
		assert_non_null(cause);
		assert_null(c.params);
		free(cause);
	}
	strpool_free(&sp);
}

/* Small deterministic generator, so failures reproduce. */
static unsigned long
rnd(unsigned long *s)
{
	*s = *s * 6364136223846793005UL + 1442695040888963407UL;
	return *s >> 33;
}

/*
 * Mutate valid bodies (flip, drop, duplicate, insert JSON punctuation) and
 * feed every parser: each must return 0 or -1 with a cause, never crash
 * (run under ASan to mean anything).
 */
static void
t_mutations(void **state)
{
	static const char *seeds[] = {
		"{\"data\":{\"ModelNumber\":\"VVX 411\",\"FirmwareRelease\":"
		    "\"5.5.0\",\"MACAddress\":\"64167fcacee2\"},\"Status\":\"2000\"}",
		"{\"data\":{\"Firmware\":{\"Application\":\"5.9.3 x\"},\"UpTime\":"
		    "{},\"MACAddress\":\"0004f2fe3ab0\"},\"Status\":2000}",
		"{\"data\":{\"ProvServerAddress\":\"ftp://a:b@c/d\","
		    "\"ProvServerType\":\"FTP\"}}",
		"{\"data\":{\"a.b\":{\"Value\":\"1\",\"Source\":\"web\"}},"
		    "\"InvalidParams\":{\"0\":\"c.d\"},\"Status\":\"2000\"}",
	};
	static const char punct[] = "{}[]\":,\\0 nt";
	const char	*names[] = { "a.b", "c.d" };
	struct rest_device d;
	struct rest_network n;
	struct rest_config c;
	struct strpool	 sp = { NULL };
	unsigned long	 seed = 42;
	char		 buf[512], *cause;
	size_t		 len, i, k, pos;
	long		 st;
	int		 round;

	for (round = 0; round < 20000; round++) {
		len = strlen(seeds[round % 4]);
		memcpy(buf, seeds[round % 4], len);
		for (k = 1 + rnd(&seed) % 4; k > 0; k--) {
			pos = rnd(&seed) % len;
			switch (rnd(&seed) % 4) {
			case 0:
				buf[pos] = punct[rnd(&seed) % (sizeof(punct) - 1)];
				break;
			case 1:
				memmove(buf + pos, buf + pos + 1, len - pos - 1);
				len--;
				break;
			case 2:
				if (len + 20 < sizeof(buf)) {
					memmove(buf + pos + 10, buf + pos,
					    len - pos);
					for (i = 0; i < 10; i++)
						buf[pos + i] = buf[(pos + i) %
						    len];
					len += 10;
				}
				break;
			default:
				buf[pos] ^= 1 << (rnd(&seed) % 8);
				break;
			}
		}
		cause = NULL;
		if (rest_parse_device(buf, len, &sp, &d, &cause) == -1)
			assert_non_null(cause);
		free(cause);
		cause = NULL;
		if (rest_parse_network(buf, len, &sp, &n, &cause) == -1)
			assert_non_null(cause);
		free(cause);
		cause = NULL;
		if (rest_parse_config(buf, len, names, 2, &sp, &c, &cause) ==
		    0)
			rest_config_free(&c);
		else
			assert_non_null(cause);
		free(cause);
		cause = NULL;
		if (rest_parse_status(buf, len, &st, &cause) == -1)
			assert_non_null(cause);
		free(cause);
		strpool_free(&sp);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_request),
		cmocka_unit_test(t_request_utf8),
		cmocka_unit_test(t_status),
		cmocka_unit_test(t_model_forms),
		cmocka_unit_test(t_device_flat),
		cmocka_unit_test(t_device_nested),
		cmocka_unit_test(t_device_bad),
		cmocka_unit_test(t_network),
		cmocka_unit_test(t_redact),
		cmocka_unit_test(t_config),
		cmocka_unit_test(t_config_bad),
		cmocka_unit_test(t_mutations),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
